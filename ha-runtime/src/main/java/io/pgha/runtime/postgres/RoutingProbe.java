package io.pgha.runtime.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether a router port really leads where it should: a write port to a writable primary (it can assign
 * a transaction id, which a standby cannot), a read port to a server in recovery. Returns what is wrong,
 * or empty when all is well; never throws for a database that is not there yet.
 */
public final class RoutingProbe {

    private RoutingProbe() {}

    public static Optional<String> writeProblem(String host, int port, String user, String password) {
        return writeProblem(host, port, user, password, Optional.empty());
    }

    /** With {@code rootCert}, the cluster CA's certificate, the server is verified (verify-full). */
    public static Optional<String> writeProblem(
            String host, int port, String user, String password, Optional<String> rootCert) {
        return probe(host, port, user, password, rootCert, "SELECT txid_current()::text", rs -> Optional.empty());
    }

    public static Optional<String> readProblem(String host, int port, String user, String password) {
        return readProblem(host, port, user, password, Optional.empty());
    }

    public static Optional<String> readProblem(
            String host, int port, String user, String password, Optional<String> rootCert) {
        return probe(
                host,
                port,
                user,
                password,
                rootCert,
                "SELECT pg_is_in_recovery()::text",
                rs -> "true".equals(rs)
                        ? Optional.empty()
                        : Optional.of("port " + port + " reached a server that is not a replica"));
    }

    private static Optional<String> probe(
            String host,
            int port,
            String user,
            String password,
            Optional<String> rootCert,
            String sql,
            java.util.function.Function<String, Optional<String>> verdict) {
        try (Connection c = PgConnections.open(
                        host,
                        port,
                        "postgres",
                        user,
                        password,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(5),
                        rootCert);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return verdict.apply(rs.getString(1));
        } catch (SQLException e) {
            return Optional.of("port " + port + ": " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String m) {
        if (m == null) {
            return "no answer";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
