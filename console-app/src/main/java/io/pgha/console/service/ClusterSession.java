package io.pgha.console.service;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.monitor.ClusterMonitor;

/** Everything the console uses for one open cluster; closing it stops its monitor. */
public record ClusterSession(
        ClusterConnection connection,
        ClusterMonitor monitor,
        ClusterActions actions,
        ContainerLogs logs,
        DatabaseMetrics metrics,
        DynamicConfigEditing dynamicConfig,
        FaultDrills drills) implements AutoCloseable {

    public String name() {
        return connection.name();
    }

    @Override
    public void close() {
        monitor.close();
    }
}
