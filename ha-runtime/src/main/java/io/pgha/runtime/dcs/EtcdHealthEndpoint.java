package io.pgha.runtime.dcs;

import io.pgha.runtime.http.HttpGet;
import java.time.Duration;

/**
 * etcd's HTTP /health on one member's client port: healthy once the member serves with a quorum behind it. Cheaper
 * than a client connection while a stack is being created.
 */
public final class EtcdHealthEndpoint {

    private EtcdHealthEndpoint() {}

    public static boolean healthy(String host, int port, Duration timeout) {
        return HttpGet.okBody("http://" + host + ":" + port + "/health", timeout)
                .map(b -> b.contains("\"health\":\"true\""))
                .orElse(false);
    }
}
