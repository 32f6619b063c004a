package io.pgha.runtime.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks one node, directly on its PostgreSQL port, whether it accepts writes: not in recovery and not
 * read-only by default. Keeps its connection between calls; reconnects after an error.
 */
public final class RoleProbe implements AutoCloseable {

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final Optional<String> rootCert;
    private Connection connection;

    public RoleProbe(String host, int port, String user, String password) {
        this(host, port, user, password, Optional.empty());
    }

    /** With {@code rootCert}, the cluster CA's certificate, the server is verified (verify-full). */
    public RoleProbe(String host, int port, String user, String password, Optional<String> rootCert) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.rootCert = rootCert;
    }

    /** true: accepts writes; false: read-only; empty: not reachable. */
    public Optional<Boolean> acceptsWrites() {
        try {
            if (connection == null) {
                connection = PgConnections.open(
                        host, port, "postgres", user, password, Duration.ofSeconds(1), Duration.ofSeconds(1), rootCert);
            }
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery(
                            "SELECT NOT pg_is_in_recovery() AND current_setting('default_transaction_read_only') = 'off'")) {
                rs.next();
                return Optional.of(rs.getBoolean(1));
            }
        } catch (SQLException e) {
            close();
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        WriteLoad.closeQuietly(connection);
        connection = null;
    }
}
