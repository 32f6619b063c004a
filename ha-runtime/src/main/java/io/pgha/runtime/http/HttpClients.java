package io.pgha.runtime.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;

/** The HTTP client pgha's REST and stats calls share: short connect deadline, daemon threads, no redirects. */
public final class HttpClients {

    private HttpClients() {}

    /**
     * The client for URLs of no cluster CA, built on first use: a console whose cluster has a CA asks everything with
     * that CA's client ({@link #forCa}) and so never builds this one (each client has its own selector thread).
     */
    public static HttpClient shared() {
        return Shared.CLIENT;
    }

    /**
     * The shared client with a 500 ms connect deadline, for callers on the stack's own network (the supervisor), where
     * a member that does not take a connection within half a second is not up yet.
     */
    public static HttpClient fastConnect() {
        return FastConnect.CLIENT;
    }

    /**
     * The client for a cluster's HTTPS endpoints: it trusts exactly the cluster's certificate authority (the PEM in
     * {@code caFile}) and verifies every server's name against it; without a CA, the shared client. One client per CA
     * file, made on first use.
     */
    public static HttpClient forCa(java.util.Optional<String> caFile) {
        return caFile.map(
                        ca -> BY_CA.computeIfAbsent(ca, f -> create(Duration.ofSeconds(1), ClusterTrust.sslContext(f))))
                .orElseGet(HttpClients::shared);
    }

    /** {@link #forCa} with the supervisor's 500 ms connect deadline. */
    public static HttpClient fastConnect(java.util.Optional<String> caFile) {
        return caFile.map(ca ->
                        FAST_BY_CA.computeIfAbsent(ca, f -> create(Duration.ofMillis(500), ClusterTrust.sslContext(f))))
                .orElseGet(HttpClients::fastConnect);
    }

    private static final java.util.Map<String, HttpClient> BY_CA = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.Map<String, HttpClient> FAST_BY_CA = new java.util.concurrent.ConcurrentHashMap<>();

    private static final class Shared {
        private static final HttpClient CLIENT = create(Duration.ofSeconds(1));
    }

    /** Built on first use: only the supervisor needs it. */
    private static final class FastConnect {
        private static final HttpClient CLIENT = create(Duration.ofMillis(500));
    }

    private static HttpClient create(Duration connectTimeout) {
        return create(connectTimeout, null);
    }

    private static HttpClient create(Duration connectTimeout, javax.net.ssl.SSLContext tls) {
        HttpClient.Builder b = HttpClient.newBuilder();
        if (tls != null) {
            b.sslContext(tls);
        }
        return b.connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newCachedThreadPool(
                        Thread.ofPlatform().daemon().name("pgha-http-", 0).factory()))
                .build();
    }
}
