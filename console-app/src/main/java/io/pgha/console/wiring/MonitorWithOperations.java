package io.pgha.console.wiring;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.model.ClusterEvent;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.monitor.ClusterMonitor;
import io.pgha.runtime.ops.ClusterOperations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The runtime's monitor, with the operations of the audit journal among its events: the console's events
 * timeline and strip show what the cluster did and what was done to it in one list, newest first.
 */
final class MonitorWithOperations implements ClusterMonitor {

    private final ClusterMonitor monitor;
    private final ClusterOperations operations;

    MonitorWithOperations(ClusterMonitor monitor, ClusterOperations operations) {
        this.monitor = monitor;
        this.operations = operations;
    }

    @Override
    public ClusterConnection connection() {
        return monitor.connection();
    }

    @Override
    public ClusterSnapshot current() {
        return monitor.current();
    }

    @Override
    public ClusterSnapshot awaitComplete(Duration timeout) {
        return monitor.awaitComplete(timeout);
    }

    @Override
    public Subscription onSnapshot(Consumer<ClusterSnapshot> listener) {
        return monitor.onSnapshot(listener);
    }

    @Override
    public Subscription onEvent(Consumer<ClusterEvent> listener) {
        Subscription cluster = monitor.onEvent(listener);
        Subscription operation = operations.onEvent(listener);
        return () -> {
            cluster.close();
            operation.close();
        };
    }

    @Override
    public List<ClusterEvent> recentEvents(int max) {
        List<ClusterEvent> all = new ArrayList<>(monitor.recentEvents(max));
        all.addAll(operations.recentEvents(max));
        all.sort(Comparator.comparing(ClusterEvent::at).reversed());
        return all.size() > max ? List.copyOf(all.subList(0, max)) : List.copyOf(all);
    }

    @Override
    public void background(boolean background) {
        monitor.background(background);
    }

    @Override
    public void clusterShown() {
        monitor.clusterShown();
    }

    /** Stops the monitor; the operations are closed by the session. */
    @Override
    public void close() {
        monitor.close();
    }
}
