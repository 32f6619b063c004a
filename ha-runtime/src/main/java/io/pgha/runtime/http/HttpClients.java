package io.pgha.runtime.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;

/** The HTTP client pgha's REST and stats calls share: short connect deadline, daemon threads, no redirects. */
public final class HttpClients {

    private static final HttpClient SHARED = create(Duration.ofSeconds(1));

    private HttpClients() {
    }

    public static HttpClient shared() {
        return SHARED;
    }

    /**
     * The shared client with a 500 ms connect deadline, for callers on the stack's own network (the supervisor), where
     * a member that does not take a connection within half a second is not up yet.
     */
    public static HttpClient fastConnect() {
        return FastConnect.CLIENT;
    }

    /** Built on first use: only the supervisor needs it. */
    private static final class FastConnect {
        private static final HttpClient CLIENT = create(Duration.ofMillis(500));
    }

    private static HttpClient create(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("pgha-http-", 0).factory()))
                .build();
    }
}
