package io.pgha.runtime.postgres;

import java.time.Duration;
import java.util.Optional;

/** Connects to a PostgreSQL port (usually the router's) with short deadlines and says what answered. */
public interface PostgresProbe {

    /** Loads and registers the JDBC driver without connecting. */
    static void warmUp() {
        try {
            Class.forName("org.postgresql.Driver");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("pgjdbc is missing from the class path", e);
        }
    }

    static PostgresProbe create(Duration timeout) {
        return new JdbcPostgresProbe(timeout);
    }

    /**
     * @param login  without one, the probe only learns whether a server accepts connections (the way
     *               pg_isready does); with one, it also asks pg_is_in_recovery()
     * @param write  commit a real transaction (one that is given a transaction id) when the server is a primary
     */
    SqlProbeResult probe(String host, int port, Optional<PgLogin> login, boolean write);
}
