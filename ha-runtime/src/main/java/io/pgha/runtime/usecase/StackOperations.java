package io.pgha.runtime.usecase;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.monitor.ClusterMonitor;
import io.pgha.runtime.monitor.ClusterMonitors;
import io.pgha.runtime.ops.ClusterOperations;
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
        long deadline = System.nanoTime() + VIEW_TIMEOUT.toNanos();
        while (m.current().leaderMember().isEmpty()
                || m.current().dynamicConfig().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw PghaException.timeout("the cluster's view has no leader after " + VIEW_TIMEOUT.toSeconds()
                        + " s: is the stack running? (" + RollingSteps.describe(m.current()) + ")");
            }
            try {
                Thread.sleep(POLL.toMillis()); // waiting for the monitor's first view, bounded by the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PghaException.timeout("interrupted while waiting for the cluster's view");
            }
        }
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
