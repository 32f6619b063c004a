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
        p.setProperty("sslmode", sslMode(host));
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, p);
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
