package io.pgha.runtime.monitor;

import io.pgha.runtime.Api;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ConfigDirs;
import java.time.Clock;
import java.util.Optional;

/**
 * Starts {@link ClusterMonitor}s.
 *
 * <pre>{@code
 * try (ClusterMonitor m = ClusterMonitors.start(connection, ClusterMonitors.settingsFor(connection))) {
 *     m.onSnapshot(s -> ...);   // at once, then on every change (on the monitor's thread: do not block)
 *     m.onEvent(e -> ...);      // leader changed, member joined, quorum lost, ...
 * }
 * }</pre>
 */
@Api
public final class ClusterMonitors {

    private ClusterMonitors() {}

    /** Starts watching at once; close the monitor to stop every thread it started. */
    public static ClusterMonitor start(ClusterConnection connection, MonitorSettings settings) {
        LiveClusterMonitor m = LiveClusterMonitor.of(connection, settings, Clock.systemUTC());
        m.start();
        return m;
    }

    /**
     * The defaults for a known cluster: the event journal in the cluster's directory under
     * {@link ConfigDirs}, and the probe login pgha has for it (see {@link ProbeLogins}).
     */
    public static MonitorSettings settingsFor(ClusterConnection connection) {
        var dir = ConfigDirs.cluster(connection.name());
        return MonitorSettings.defaults()
                .withJournal(Optional.of(dir))
                .withProbeLogin(ProbeLogins.forCluster(connection.name()), false);
    }
}
