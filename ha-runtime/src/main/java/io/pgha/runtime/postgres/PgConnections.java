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
        Properties p = properties(user, password, connectTimeout, socketTimeout);
        // on this machine's loopback (the stack's published ports) TLS protects nothing and its handshake was a
        // fifth of an idle monitor's CPU; anywhere else it stays "prefer"
        tls(p, host, rootCert);
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, p);
    }

    /** {@link #open} for one port, {@link #openPrimary} for several: where a load's writes go. */
    public static Connection openForWrites(
            String host,
            java.util.List<Integer> ports,
            String database,
            String user,
            String password,
            Duration connectTimeout,
            Duration socketTimeout,
            java.util.Optional<String> rootCert)
            throws SQLException {
        return ports.size() == 1
                ? open(host, ports.getFirst(), database, user, password, connectTimeout, socketTimeout, rootCert)
                : openPrimary(host, ports, database, user, password, connectTimeout, socketTimeout, rootCert);
    }

    /**
     * A connection through any of several ports on {@code host} (every router's write port, docs/decisions/0030) to a
     * server that accepts writes: pgjdbc tries them in order and skips one that refuses or answers from a standby.
     */
    public static Connection openPrimary(
            String host,
            java.util.List<Integer> ports,
            String database,
            String user,
            String password,
            Duration connectTimeout,
            Duration socketTimeout,
            java.util.Optional<String> rootCert)
            throws SQLException {
        Properties p = properties(user, password, connectTimeout, socketTimeout);
        p.setProperty("targetServerType", "primary");
        // pgjdbc remembers a host that answered from a standby or refused for hostRecheckSeconds (10 by default) and
        // skips it meanwhile: after a switchover both routers' ports were skipped for up to 10 s (docs/decisions/0032)
        p.setProperty("hostRecheckSeconds", "1");
        tls(p, host, rootCert);
        return DriverManager.getConnection(multiHostUrl(host, ports, database), p);
    }

    private static Properties properties(
            String user, String password, Duration connectTimeout, Duration socketTimeout) {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
        p.setProperty("loginTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds() + 1)));
        p.setProperty("socketTimeout", Long.toString(Math.max(1, socketTimeout.toSeconds())));
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("ApplicationName", "pgha");
        return p;
    }

    /**
     * Whether a new connection to {@code host:port} (a router's write port) reaches a server that accepts writes; false
     * when it cannot connect or reaches a standby.
     */
    public static boolean reachesPrimary(
            String host, int port, String user, String password, java.util.Optional<String> rootCert) {
        try (Connection c = open(
                        host,
                        port,
                        "postgres",
                        user,
                        password,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        rootCert);
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
            return rs.next() && !rs.getBoolean(1);
        } catch (SQLException e) {
            return false;
        }
    }

    /** {@code jdbc:postgresql://host:p1,host:p2/database}. */
    static String multiHostUrl(String host, java.util.List<Integer> ports, String database) {
        StringBuilder b = new StringBuilder("jdbc:postgresql://");
        for (int i = 0; i < ports.size(); i++) {
            b.append(i == 0 ? "" : ",").append(host).append(':').append(ports.get(i));
        }
        return b.append('/').append(database).toString();
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
