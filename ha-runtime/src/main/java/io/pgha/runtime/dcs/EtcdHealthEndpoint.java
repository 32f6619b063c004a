package io.pgha.runtime.dcs;

import io.pgha.runtime.http.HttpGet;
import java.time.Duration;
import java.util.Optional;

/**
 * etcd's HTTP /health on one member's client port: healthy once the member serves with a quorum behind it. Cheaper
 * than a client connection while a stack is being created.
 */
public final class EtcdHealthEndpoint {

    private EtcdHealthEndpoint() {}

    public static boolean healthy(String host, int port, Duration timeout) {
        return healthy("http://" + host + ":" + port, Optional.empty(), timeout);
    }

    /**
     * The same over {@code https://} when {@code caFile} is given (the member's certificate verified against it, names
     * included). etcd answers /health without a user even when authentication is on.
     *
     * @param baseUrl e.g. https://127.0.0.1:23791
     */
    public static boolean healthy(String baseUrl, Optional<String> caFile, Duration timeout) {
        return HttpGet.okBody(baseUrl + "/health", caFile, timeout)
                .map(b -> b.contains("\"health\":\"true\""))
                .orElse(false);
    }
}
