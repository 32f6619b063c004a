package io.pgha.runtime.dcs;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterConnection.EtcdAuth;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * The one place pgha's etcd clients are configured: endpoints, TLS and user/password, for the console, the CLI, the
 * supervisor and the security bootstrap alike.
 *
 * <p>TLS is on when the endpoints say {@code https://} or when a CA file or client certificate is given; the server's
 * certificate is then verified against the CA file (the cluster's certificate authority) or, without one, against the
 * JVM's trusted roots, and its name against the endpoint's host, for each endpoint. A bare {@code host:port} takes the
 * scheme TLS implies. Mixing {@code http://} with TLS material is refused rather than quietly sending a password in
 * clear text. With a user, every call carries etcd's token, got once with the password and again when etcd forgets it.
 */
final class EtcdClients {

    /**
     * gRPC, Netty and Vert.x log through java.util.logging to the terminal (GOAWAY received, reconnect
     * back-off, …); their failures reach users as {@link EtcdErrors} messages instead. Held here because
     * java.util.logging keeps its loggers only weakly.
     */
    private static final List<java.util.logging.Logger> QUIET = quiet("io.grpc", "io.netty", "io.vertx");

    private EtcdClients() {}

    /**
     * A client tuned for pgha's monitor and commands: short keepalive, one retry, and a connect deadline.
     *
     * @param waitForReady whether a call waits for a connection (bounded by the caller's deadline) rather than
     *                     failing at once when none is up yet
     */
    static Client create(
            List<String> endpoints, Optional<EtcdAuth> auth, Duration connectTimeout, boolean waitForReady) {
        return builder(endpoints, auth)
                .connectTimeout(connectTimeout)
                .keepaliveTime(Duration.ofSeconds(5))
                .keepaliveTimeout(Duration.ofSeconds(2))
                .waitForReady(waitForReady)
                .retryDelay(100)
                .retryMaxAttempts(1)
                .retryMaxDuration(connectTimeout.multipliedBy(2))
                .build();
    }

    /** A client with jetcd's own retry and keepalive settings (the supervisor's leader key and heartbeat). */
    static Client createDefault(List<String> endpoints, Optional<EtcdAuth> auth, Duration connectTimeout) {
        return builder(endpoints, auth).connectTimeout(connectTimeout).build();
    }

    /** Endpoints, TLS and credentials; nothing else. */
    static ClientBuilder builder(List<String> endpoints, Optional<EtcdAuth> auth) {
        List<URI> uris = uris(endpoints, auth);
        ClientBuilder b = Client.builder().endpoints(uris.toArray(URI[]::new));
        if (auth.isPresent()) {
            EtcdAuth a = auth.get();
            if (a.user().isPresent() != a.password().isPresent()) {
                throw PghaException.invalidInput(
                        a.user().isPresent()
                                ? "etcd user " + a.user().get() + " has no password: give its password file"
                                : "an etcd password without a user: give --etcd-user");
            }
            a.user().ifPresent(u -> b.user(ByteSequence.from(u, StandardCharsets.UTF_8)));
            a.password().ifPresent(p -> b.password(ByteSequence.from(p, StandardCharsets.UTF_8)));
        }
        if (uris.getFirst().getScheme().equals("https")) {
            Optional<File> ca = auth.flatMap(EtcdAuth::caFile).map(f -> existing(f, "CA certificate"));
            Optional<File> cert = auth.flatMap(EtcdAuth::certFile).map(f -> existing(f, "client certificate"));
            Optional<File> key = auth.flatMap(EtcdAuth::keyFile).map(f -> existing(f, "client key"));
            if (cert.isPresent() != key.isPresent()) {
                throw PghaException.invalidInput("the etcd client certificate and its key go together");
            }
            try {
                b.sslContext(ssl -> {
                    ca.ifPresent(ssl::trustManager);
                    if (cert.isPresent()) {
                        ssl.keyManager(cert.get(), key.get());
                    }
                });
            } catch (SSLException | IllegalArgumentException e) {
                throw PghaException.invalidInput("cannot use the etcd TLS files: " + e.getMessage());
            }
        }
        return b;
    }

    /**
     * The credentials and TLS files for a cluster's etcd: those given for etcd, with the cluster's CA file when no CA
     * was given for etcd alone (a stack pgha made has one authority for all its certificates).
     */
    static Optional<EtcdAuth> authOf(ClusterConnection c) {
        return withClusterCa(c.etcdAuth(), c.caFile());
    }

    /** etcd's own settings, with the cluster's CA standing for etcd's when none was given for etcd alone. */
    static Optional<EtcdAuth> withClusterCa(Optional<EtcdAuth> auth, Optional<String> clusterCa) {
        if (clusterCa.isEmpty()) {
            return auth;
        }
        EtcdAuth a = auth.orElse(
                new EtcdAuth(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        return Optional.of(
                new EtcdAuth(a.user(), a.password(), a.caFile().or(() -> clusterCa), a.certFile(), a.keyFile()));
    }

    /** Whether these endpoints and files make a TLS connection. */
    static boolean tls(List<String> endpoints, Optional<EtcdAuth> auth) {
        return endpoints.stream().anyMatch(e -> e.strip().startsWith("https://"))
                || auth.flatMap(EtcdAuth::caFile).isPresent()
                || auth.flatMap(EtcdAuth::certFile).isPresent();
    }

    /** The endpoints as URLs of one scheme: {@code https} when TLS is on, else {@code http}. */
    static List<URI> uris(List<String> endpoints, Optional<EtcdAuth> auth) {
        if (endpoints.isEmpty()) {
            throw PghaException.invalidInput("no etcd endpoints given; pass --etcd http(s)://HOST:PORT[,…]");
        }
        boolean tls = tls(endpoints, auth);
        String scheme = tls ? "https" : "http";
        List<URI> uris = endpoints.stream().map(e -> uri(e.strip(), scheme)).toList();
        for (URI u : uris) {
            if (!u.getScheme().equals(scheme)) {
                throw PghaException.invalidInput("etcd endpoint " + u + " is plain HTTP, but "
                        + (endpoints.stream().anyMatch(e -> e.strip().startsWith("https://"))
                                ? "others are https://"
                                : "TLS files are given")
                        + ": use https:// for every endpoint of a TLS etcd");
            }
        }
        return uris;
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

    private static URI uri(String endpoint, String defaultScheme) {
        try {
            URI u = URI.create(endpoint.contains("://") ? endpoint : defaultScheme + "://" + endpoint);
            if (u.getHost() == null || u.getPort() < 0) {
                throw new IllegalArgumentException("host and port needed");
            }
            if (!u.getScheme().equals("http") && !u.getScheme().equals("https")) {
                throw new IllegalArgumentException("http or https");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw PghaException.invalidInput("invalid etcd endpoint '" + endpoint + "': use http(s)://HOST:PORT");
        }
    }

    private static File existing(String path, String what) {
        File f = new File(path);
        if (!f.isFile()) {
            throw PghaException.invalidInput("the etcd " + what + " file " + path + " does not exist");
        }
        if (!f.canRead()) {
            throw PghaException.invalidInput("the etcd " + what + " file " + path + " is not readable by this user");
        }
        return f;
    }
}
