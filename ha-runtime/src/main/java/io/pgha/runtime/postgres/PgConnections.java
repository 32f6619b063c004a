package io.pgha.runtime.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/** pgjdbc connections with explicit, short timeouts: a probe must never hang on a frozen server. */
public final class PgConnections {

    private PgConnections() {}

    public static Connection open(
            String host,
            int port,
            String database,
            String user,
            String password,
            Duration connectTimeout,
            Duration socketTimeout)
            throws SQLException {
        return open(host, port, database, user, password, connectTimeout, socketTimeout, java.util.Optional.empty());
    }

    /**
     * A connection that verifies the server against {@code rootCert} (the cluster CA's certificate: sslmode=verify-full)
     * when given.
     */
    public static Connection open(
            String host,
            int port,
            String database,
            String user,
            String password,
            Duration connectTimeout,
            Duration socketTimeout,
            java.util.Optional<String> rootCert)
            throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
        p.setProperty("loginTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds() + 1)));
        p.setProperty("socketTimeout", Long.toString(Math.max(1, socketTimeout.toSeconds())));
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("ApplicationName", "pgha");
        // on this machine's loopback (the stack's published ports) TLS protects nothing and its handshake was a
        // fifth of an idle monitor's CPU; anywhere else it stays "prefer"
        tls(p, host, rootCert);
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, p);
    }

    /**
     * With the cluster's CA: TLS, the server's certificate verified against it and its name (verify-full). Without:
     * {@link #sslMode}.
     */
    static void tls(Properties p, String host, java.util.Optional<String> rootCert) {
        if (rootCert.isPresent()) {
            p.setProperty("sslmode", "verify-full");
            p.setProperty("sslrootcert", rootCert.get());
        } else {
            p.setProperty("sslmode", sslMode(host));
        }
    }

    /** "disable" on this machine's loopback (the stack's published ports), "prefer" anywhere else. */
    static String sslMode(String host) {
        return isLoopback(host) ? "disable" : "prefer";
    }

    static boolean isLoopback(String host) {
        return "localhost".equalsIgnoreCase(host)
                || host.startsWith("127.")
                || "::1".equals(host)
                || "[::1]".equals(host);
    }
}
