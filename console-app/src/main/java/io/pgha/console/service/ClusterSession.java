package io.pgha.console.service;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.monitor.ClusterMonitor;
import java.util.Optional;

/**
 * Everything the console uses for one open cluster; closing it releases the services' clients and stops its monitor.
 *
 * @param history the metrics its Prometheus keeps, when it has one
 * @param backups its backups ({@link ClusterBackups#ATTACHED} for a cluster pgha did not make)
 * @param changes its day-two changes ({@link ClusterChanges#ATTACHED} for a cluster pgha did not make)
 */
public record ClusterSession(
        ClusterConnection connection,
        ClusterMonitor monitor,
        ClusterActions actions,
        ContainerLogs logs,
        DatabaseMetrics metrics,
        DynamicConfigEditing dynamicConfig,
        FaultDrills drills,
        AutoCloseable resources,
        Optional<MetricsHistory> history,
        ClusterBackups backups,
        ClusterChanges changes)
        implements AutoCloseable {

    /** A session whose services hold nothing but the monitor. */
    public ClusterSession(
            ClusterConnection connection,
            ClusterMonitor monitor,
            ClusterActions actions,
            ContainerLogs logs,
            DatabaseMetrics metrics,
            DynamicConfigEditing dynamicConfig,
            FaultDrills drills) {
        this(
                connection,
                monitor,
                actions,
                logs,
                metrics,
                dynamicConfig,
                drills,
                () -> {},
                Optional.empty(),
                ClusterBackups.ATTACHED,
                ClusterChanges.ATTACHED);
    }

    /** The same session with the metrics its Prometheus keeps. */
    public ClusterSession withHistory(MetricsHistory metricsHistory) {
        return copy(Optional.of(metricsHistory), backups, changes);
    }

    /** The same session with these backups. */
    public ClusterSession withBackups(ClusterBackups clusterBackups) {
        return copy(history, clusterBackups, changes);
    }

    /** The same session with these day-two changes. */
    public ClusterSession withChanges(ClusterChanges clusterChanges) {
        return copy(history, backups, clusterChanges);
    }

    private ClusterSession copy(
            Optional<MetricsHistory> withHistory, ClusterBackups withBackups, ClusterChanges withChanges) {
        return new ClusterSession(
                connection,
                monitor,
                actions,
                logs,
                metrics,
                dynamicConfig,
                drills,
                resources,
                withHistory,
                withBackups,
                withChanges);
    }

    public String name() {
        return connection.name();
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            // releasing clients of a session being closed: nothing the user can act on
        }
        monitor.close();
    }
}
