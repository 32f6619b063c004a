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

    public static HttpClient create(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("pgha-http-", 0).factory()))
                .build();
    }
}
