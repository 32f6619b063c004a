package io.pgha.console;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.postgres.PgConnections;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * SQL on a stack pgha made, as an application would send it: pgjdbc through its router's published write or read port,
 * as its superuser, the server verified against the stack's CA, every statement committed on its own.
 */
final class StackSql {

    /** The server's clock in UTC with its microseconds, as {@code pgha restore --to} and the restore dialog take it. */
    static final String NOW_UTC =
            "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

    private final Path configDir;
    private final String stack;

    StackSql(Path configDir, String stack) {
        this.configDir = configDir;
        this.stack = stack;
    }

    /** Runs the statement on the primary (the router's write port). */
    void execute(String sql) {
        try (Connection c = open(true);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(stack + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the first row, from the primary. */
    String primary(String sql) {
        return query(true, sql);
    }

    /** The first column of the first row, from a replica (the router's read port). */
    String replica(String sql) {
        return query(false, sql);
    }

    private String query(boolean write, String sql) {
        try (Connection c = open(write);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new AssertionError(stack + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    private Connection open(boolean write) throws SQLException {
        ClusterConnection cluster = new ClusterRegistry(configDir).get(stack);
        StackCredentials.Login superuser =
                new CredentialStore(configDir).get(stack).superuser();
        ClusterConnection.RouterEndpoints router = cluster.router().orElseThrow();
        return PgConnections.open(
                "127.0.0.1",
                write ? router.writePort() : router.readPort(),
                "postgres",
                superuser.user(),
                superuser.password(),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                cluster.caFile());
    }
}
