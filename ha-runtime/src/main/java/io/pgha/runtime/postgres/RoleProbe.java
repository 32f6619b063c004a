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

    /**
     * What a client with the server's own commit settings would get from a commit now (docs/decisions/0062): {@code
     * WRITABLE} acknowledged, {@code WAITING_FOR_STANDBYS} written but held until synchronous standbys confirm, of which
     * fewer are streaming than {@code synchronous_standby_names} asks for (a primary cut from its quorum, or one just
     * woken from a freeze while another leads), {@code READ_ONLY} refused.
     */
    public enum WriteRole {
        WRITABLE,
        WAITING_FOR_STANDBYS,
        READ_ONLY
    }

    /**
     * 'w', 'q' or 'r' ({@link WriteRole}). The required count is the number in {@code ANY n (…)} or {@code FIRST n
     * (…)}, else 1; {@code synchronous_commit} off or local acknowledges without standbys.
     */
    static final String WRITE_ROLE_SQL = "SELECT CASE"
            + " WHEN pg_is_in_recovery() OR current_setting('default_transaction_read_only') = 'on' THEN 'r'"
            + " WHEN current_setting('synchronous_standby_names') = ''"
            + "   OR current_setting('synchronous_commit') IN ('off', 'local') THEN 'w'"
            + " WHEN (SELECT count(*) FROM pg_stat_replication"
            + "       WHERE state = 'streaming' AND sync_state IN ('sync', 'quorum'))"
            + "   >= coalesce(substring(current_setting('synchronous_standby_names')"
            + "        from '^\\s*(?:ANY|FIRST)?\\s*(\\d+)\\s*\\(')::int, 1) THEN 'w'"
            + " ELSE 'q' END";

    /** {@link WriteRole} now; empty: not reachable. Needs a login that sees pg_stat_replication (a superuser). */
    public Optional<WriteRole> writeRole() {
        try {
            connect();
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery(WRITE_ROLE_SQL)) {
                rs.next();
                return Optional.of(
                        switch (rs.getString(1)) {
                            case "w" -> WriteRole.WRITABLE;
                            case "q" -> WriteRole.WAITING_FOR_STANDBYS;
                            default -> WriteRole.READ_ONLY;
                        });
            }
        } catch (SQLException e) {
            close();
            return Optional.empty();
        }
    }

    private void connect() throws SQLException {
        if (connection == null) {
            connection = PgConnections.open(
                    host, port, "postgres", user, password, Duration.ofSeconds(1), Duration.ofSeconds(1), rootCert);
        }
    }

    /** true: accepts writes; false: read-only; empty: not reachable. */
    public Optional<Boolean> acceptsWrites() {
        try {
            connect();
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
