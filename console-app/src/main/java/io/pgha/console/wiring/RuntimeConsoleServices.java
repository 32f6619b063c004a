package io.pgha.console.wiring;

import io.pgha.console.service.ClusterSession;
import io.pgha.console.service.ConsoleServices;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.monitor.ClusterMonitor;
import io.pgha.runtime.monitor.ClusterMonitors;
import io.pgha.runtime.ops.ClusterOperations;
import io.pgha.runtime.provision.StackProvisioner;
import java.time.Duration;

/**
 * The console's services over ha-runtime: provisioning ({@link DockerStackProvisioning}), the Docker check
 * ({@link DockerPing}), attach ({@link RuntimeAttachment}), and per open cluster the runtime's monitor, its
 * operations ({@link RuntimeClusterActions}, {@link RuntimeConfigEditing}), container logs, the primary's counters and
 * the metrics history its Prometheus keeps ({@link RuntimeMetricsHistory}), its backups ({@link
 * RuntimeClusterBackups}) and its day-two changes ({@link RuntimeClusterChanges}).
 */
public final class RuntimeConsoleServices {

    private RuntimeConsoleServices() {}

    public static ConsoleServices create() {
        return create(new ClusterRegistry());
    }

    public static ConsoleServices create(ClusterRegistry registry) {
        return new ConsoleServices(
                registry,
                RuntimeConsoleServices::open,
                new RuntimeAttachment(registry),
                new DockerStackProvisioning(registry, StackProvisioner::onLocalDocker),
                new DockerPing());
    }

    /**
     * How often the console's monitor asks the polled sources (Patroni, HAProxy, PostgreSQL, exporters). Leader
     * changes do not wait for it: etcd pushes them, and the monitor then polls every 250 ms for 10 s. Polling every
     * 2 s, as the CLI does, cost an idle console 5 % of a core; every 5 s keeps it near 2 %.
     */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

    static ClusterSession open(ClusterConnection connection) {
        ClusterMonitor monitor = ClusterMonitors.start(
                connection,
                ClusterMonitors.settingsFor(connection)
                        .withPollInterval(POLL_INTERVAL)
                        .withLightFirstRound(true));
        try {
            ClusterOperations operations = ClusterOperations.create(monitor);
            RuntimeDatabaseMetrics metrics = new RuntimeDatabaseMetrics(connection);
            return new ClusterSession(
                    connection,
                    new MonitorWithOperations(monitor, operations),
                    new RuntimeClusterActions(monitor, operations),
                    new RuntimeContainerLogs(),
                    metrics,
                    new RuntimeConfigEditing(operations),
                    new RuntimeFaultDrills(connection),
                    () -> {
                        metrics.close();
                        operations.close();
                    },
                    RuntimeMetricsHistory.of(connection),
                    RuntimeClusterBackups.of(connection),
                    RuntimeClusterChanges.of(connection));
        } catch (RuntimeException | LinkageError e) {
            monitor.close();
            throw e;
        }
    }
}
