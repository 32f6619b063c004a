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
            return new SqlProbeResult(
                    true,
                    Optional.of(inRecovery),
                    Optional.of(server),
                    wrote,
                    since(start),
                    (inRecovery ? "replica" : "primary") + " at " + server + (wrote ? ", write committed" : ""));
        } catch (SQLException e) {
            Duration latency = since(start);
            if (login.isEmpty() && PostgresErrors.isAuthenticationRefusal(e)) {
                return new SqlProbeResult(
                        true,
                        Optional.empty(),
                        Optional.empty(),
                        false,
                        latency,
                        "accepting connections (no login configured to check the role)");
            }
            return new SqlProbeResult(
                    false,
                    Optional.empty(),
                    Optional.empty(),
                    false,
                    latency,
                    PostgresErrors.translate(host + ":" + port, e).getMessage());
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
