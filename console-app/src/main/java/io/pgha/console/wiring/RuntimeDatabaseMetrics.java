package io.pgha.console.wiring;

import io.pgha.console.service.DatabaseCounters;
import io.pgha.console.service.DatabaseMetrics;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.monitor.ProbeLogins;
import io.pgha.runtime.postgres.PrimaryCounters;

/**
 * Transactions and client connections of the primary, read through the router with pgha's probe login (the
 * stack's superuser for clusters pgha created; the one given to {@code pgha attach --pg-user} otherwise).
 */
final class RuntimeDatabaseMetrics implements DatabaseMetrics, AutoCloseable {

    private final PrimaryCounters counters;

    RuntimeDatabaseMetrics(ClusterConnection connection) {
        this.counters = new PrimaryCounters(connection.router(), ProbeLogins.forCluster(connection.name()));
    }

    @Override
    public synchronized DatabaseCounters sample() {
        PrimaryCounters.Sample s = counters.sample();
        return new DatabaseCounters(s.at(), s.transactions(), s.clientConnections());
    }

    @Override
    public synchronized void close() {
        counters.close();
    }
}
