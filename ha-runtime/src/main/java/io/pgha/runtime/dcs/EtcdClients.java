package io.pgha.runtime.dcs;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection.EtcdAuth;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;

/** Builds jetcd clients from a cluster's endpoints and optional user/password and TLS files. */
final class EtcdClients {

    /**
     * gRPC, Netty and Vert.x log through java.util.logging to the terminal (GOAWAY received, reconnect
     * back-off, …); their failures reach users as {@link EtcdErrors} messages instead. Held here because
     * java.util.logging keeps its loggers only weakly.
     */
    private static final List<java.util.logging.Logger> QUIET = quiet("io.grpc", "io.netty", "io.vertx");

    private EtcdClients() {}

    /**
     * @param waitForReady whether a call waits for a connection (bounded by the caller's deadline) rather than
     *                     failing at once when none is up yet
     */
    static Client create(
            List<String> endpoints, Optional<EtcdAuth> auth, Duration connectTimeout, boolean waitForReady) {
        if (endpoints.isEmpty()) {
            throw PghaException.invalidInput("no etcd endpoints given; pass --etcd http://HOST:PORT[,…]");
        }
        ClientBuilder b = Client.builder()
                .endpoints(endpoints.stream().map(EtcdClients::uri).toArray(URI[]::new))
                .connectTimeout(connectTimeout)
                .keepaliveTime(Duration.ofSeconds(5))
                .keepaliveTimeout(Duration.ofSeconds(2))
                .waitForReady(waitForReady)
                .retryDelay(100)
                .retryMaxAttempts(1)
                .retryMaxDuration(connectTimeout.multipliedBy(2));
        if (auth.isPresent()) {
            EtcdAuth a = auth.get();
            a.user().ifPresent(u -> b.user(ByteSequence.from(u, StandardCharsets.UTF_8)));
            a.password().ifPresent(p -> b.password(ByteSequence.from(p, StandardCharsets.UTF_8)));
            if (a.caFile().isPresent() || a.certFile().isPresent()) {
                try {
                    b.sslContext(ssl -> {
                        a.caFile().ifPresent(ca -> ssl.trustManager(existing(ca)));
                        if (a.certFile().isPresent() && a.keyFile().isPresent()) {
                            ssl.keyManager(
                                    existing(a.certFile().get()),
                                    existing(a.keyFile().get()));
                        }
                    });
                } catch (SSLException e) {
                    throw PghaException.invalidInput("cannot use the etcd TLS files: " + e.getMessage());
                }
            }
        }
        return b.build();
    }

    private static List<java.util.logging.Logger> quiet(String... names) {
        List<java.util.logging.Logger> loggers = new java.util.ArrayList<>();
        for (String name : names) {
            java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
            l.setLevel(java.util.logging.Level.SEVERE);
            loggers.add(l);
        }
        return loggers;
    }

    private static URI uri(String endpoint) {
        try {
            URI u = URI.create(endpoint.contains("://") ? endpoint : "http://" + endpoint);
            if (u.getHost() == null || u.getPort() < 0) {
                throw new IllegalArgumentException("host and port needed");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw PghaException.invalidInput("invalid etcd endpoint '" + endpoint + "': use http(s)://HOST:PORT");
        }
    }

    private static File existing(String path) {
        File f = new File(path);
        if (!f.isFile()) {
            throw PghaException.invalidInput("etcd TLS file " + path + " does not exist");
        }
        return f;
    }
}
