package io.pgha.runtime.postgres;

import io.pgha.runtime.Api;
import io.pgha.runtime.cluster.ClusterConnection.RouterEndpoints;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Cumulative counters of the primary, read through the router's write port with pgha's probe login: committed
 * plus rolled-back transactions of all databases, and client backends now. One connection is kept open and
 * opened again after any failure (after a failover the router sends it to the new primary). Not thread-safe.
 */
@Api
public final class PrimaryCounters implements AutoCloseable {

    private static final String QUERY =
            "select (select coalesce(sum(xact_commit + xact_rollback), 0) from pg_stat_database)::bigint,"
                    + " (select count(*) from pg_stat_activity where backend_type = 'client backend')::bigint";

    /** Counters at one moment; empty when the primary could not be asked. */
    public record Sample(Instant at, OptionalLong transactions, OptionalLong clientConnections) {}

    private final Optional<RouterEndpoints> router;
    private final Optional<PgLogin> login;
    private Connection connection;

    public PrimaryCounters(Optional<RouterEndpoints> router, Optional<PgLogin> login) {
        this.router = router;
        this.login = login;
    }

    /** Never throws: an unreachable primary gives an empty sample. */
    public Sample sample() {
        Instant now = Instant.now();
        if (router.isEmpty() || login.isEmpty()) {
            return new Sample(now, OptionalLong.empty(), OptionalLong.empty());
        }
        try {
            if (connection == null || connection.isClosed()) {
                PgLogin l = login.get();
                connection = PgConnections.open(
                        router.get().host(),
                        router.get().writePort(),
                        l.database(),
                        l.user(),
                        l.password(),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        l.rootCert());
            }
            try (Statement s = connection.createStatement();
                    ResultSet r = s.executeQuery(QUERY)) {
                r.next();
                return new Sample(now, OptionalLong.of(r.getLong(1)), OptionalLong.of(r.getLong(2)));
            }
        } catch (SQLException e) {
            close();
            return new Sample(now, OptionalLong.empty(), OptionalLong.empty());
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
            connection = null;
        }
    }
}
