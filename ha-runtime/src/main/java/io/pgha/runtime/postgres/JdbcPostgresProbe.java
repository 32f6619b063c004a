package io.pgha.runtime.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/** {@link PostgresProbe} over pgjdbc. */
final class JdbcPostgresProbe implements PostgresProbe {

    /** A role nobody has: used without a login, to see whether a server answers at all. */
    private static final String NOBODY = "pgha_readiness_probe";

    private final Duration timeout;

    /** What a primary's WAL archiver says (docs/decisions/0056). */
    private static final String ARCHIVER = "SELECT current_setting('archive_mode'), last_archived_wal,"
            + " last_archived_time, last_failed_wal, last_failed_time, failed_count FROM pg_stat_archiver";

    JdbcPostgresProbe(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public SqlProbeResult probe(String host, int port, Optional<PgLogin> login, boolean write) {
        long start = System.nanoTime();
        Properties p = new Properties();
        p.setProperty("user", login.map(PgLogin::user).orElse(NOBODY));
        p.setProperty("password", login.map(PgLogin::password).orElse(""));
        int seconds = (int) Math.max(1, Math.ceil(timeout.toMillis() / 1000.0));
        p.setProperty("connectTimeout", String.valueOf(seconds));
        p.setProperty("socketTimeout", String.valueOf(seconds));
        p.setProperty("loginTimeout", String.valueOf(seconds));
        p.setProperty("ApplicationName", "pgha-monitor");
        PgConnections.tls(p, host, login.flatMap(PgLogin::rootCert));
        String url = "jdbc:postgresql://" + host + ":" + port + "/"
                + login.map(PgLogin::database).orElse("postgres");
        try (Connection c = DriverManager.getConnection(url, p);
                Statement s = c.createStatement()) {
            s.setQueryTimeout(seconds);
            boolean inRecovery;
            String server;
            try (ResultSet rs =
                    s.executeQuery("SELECT pg_is_in_recovery(), coalesce(host(inet_server_addr()), 'local')")) {
                rs.next();
                inRecovery = rs.getBoolean(1);
                server = rs.getString(2);
            }
            boolean wrote = false;
            if (write && !inRecovery) {
                // txid_current() forces a transaction id, so the commit is a real WAL write (and waits for sync
                // standbys).
                try (ResultSet rs = s.executeQuery("SELECT txid_current()")) {
                    wrote = rs.next();
                }
            }
            Optional<ArchiverStats> archiver = inRecovery ? Optional.empty() : archiver(s);
            return new SqlProbeResult(
                    true,
                    Optional.of(inRecovery),
                    Optional.of(server),
                    wrote,
                    since(start),
                    (inRecovery ? "replica" : "primary") + " at " + server + (wrote ? ", write committed" : ""),
                    archiver);
        } catch (SQLException e) {
            Duration latency = since(start);
            if (login.isEmpty() && PostgresErrors.isAuthenticationRefusal(e)) {
                return new SqlProbeResult(
                        true,
                        Optional.empty(),
                        Optional.empty(),
                        false,
                        latency,
                        "accepting connections (no login configured to check the role)",
                        Optional.empty());
            }
            return new SqlProbeResult(
                    false,
                    Optional.empty(),
                    Optional.empty(),
                    false,
                    latency,
                    PostgresErrors.translate(host + ":" + port, e).getMessage(),
                    Optional.empty());
        }
    }

    /**
     * The archiver's statistics, in a statement of its own so that a server without them (a fork, a managed service, a
     * PostgreSQL before 9.4 behind an attached cluster) still passes the probe: then there is simply no archive check.
     */
    private static Optional<ArchiverStats> archiver(Statement s) {
        try (ResultSet rs = s.executeQuery(ARCHIVER)) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new ArchiverStats(
                    !"off".equals(rs.getString(1)),
                    Optional.ofNullable(rs.getString(2)),
                    Optional.ofNullable(rs.getTimestamp(3)).map(java.sql.Timestamp::toInstant),
                    Optional.ofNullable(rs.getString(4)),
                    Optional.ofNullable(rs.getTimestamp(5)).map(java.sql.Timestamp::toInstant),
                    rs.getLong(6)));
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
