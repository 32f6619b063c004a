package io.pgha.runtime.usecase;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.monitor.ClusterMonitor;
import io.pgha.runtime.monitor.ClusterMonitors;
import io.pgha.runtime.ops.ClusterOperations;
import io.pgha.runtime.provision.Poll;
import java.time.Duration;
import java.util.Optional;

/**
 * The operations on a stack's registered cluster (what {@code pgha up} saved): a monitor polling every second (no event
 * journal: the console or pgha watch keeps that) and {@link ClusterOperations} on it, which go through Patroni's REST
 * adapter and write every operation to the cluster's audit journal.
 */
final class StackOperations implements AutoCloseable {

    private static final Duration FIRST_SNAPSHOT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration VIEW_TIMEOUT = Duration.ofSeconds(60);

    private final ClusterMonitor monitor;
    private final ClusterOperations ops;

    StackOperations(ClusterMonitor monitor, ClusterOperations ops) {
        this.monitor = monitor;
        this.ops = ops;
    }

    static StackOperations open(String stack) {
        ClusterConnection c = new ClusterRegistry().get(stack);
        ClusterMonitor m = ClusterMonitors.start(
                c, ClusterMonitors.settingsFor(c).withJournal(Optional.empty()).withPollInterval(POLL));
        try {
            m.awaitComplete(FIRST_SNAPSHOT);
            awaitView(m);
            return new StackOperations(m, ClusterOperations.create(m));
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /**
     * On a busy machine a source's first answer can take longer than {@link #FIRST_SNAPSHOT}: the operations refuse to
     * act without the members, so wait (bounded) until the view has a leader.
     */
    private static void awaitView(ClusterMonitor m) {
        Poll.until(
                "a leader in the cluster's view (is the stack running?)",
                VIEW_TIMEOUT,
                POLL,
                () -> m.current().leaderMember().isPresent()
                        && !m.current().dynamicConfig().isEmpty(),
                () -> RollingSteps.describe(m.current()));
    }

    ClusterOperations ops() {
        return ops;
    }

    ClusterSnapshot snapshot() {
        return monitor.current();
    }

    @Override
    public void close() {
        try {
            ops.close();
        } finally {
            monitor.close();
        }
    }
}
