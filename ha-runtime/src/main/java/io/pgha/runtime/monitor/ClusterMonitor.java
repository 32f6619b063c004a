package io.pgha.runtime.monitor;

import io.pgha.runtime.Api;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.model.ClusterEvent;
import io.pgha.runtime.model.ClusterSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Watches one cluster: merges its sources into one snapshot per change and derives events from
 * consecutive snapshots. The console, the CLI and the supervisor all observe clusters through this.
 * Listeners are called on the monitor's own thread and must not block.
 */
@Api
public interface ClusterMonitor extends AutoCloseable {

    ClusterConnection connection();

    /** The latest snapshot; before the first merge, one whose sources are all marked unavailable. */
    ClusterSnapshot current();

    /**
     * Waits until every source has answered (or failed) once, at most the timeout, and returns the
     * snapshot then: what a one-shot reader such as {@code pgha status} wants.
     */
    default ClusterSnapshot awaitComplete(Duration timeout) {
        return current();
    }

    /**
     * {@link #awaitComplete}, then, if that snapshot lists no member, the first that does, at most {@code timeout}
     * more: on a loaded machine the monitor settles before a slow source's first answer, and an operation planned on a
     * snapshot without members is refused for nothing. Returns the latest snapshot when none comes.
     */
    default ClusterSnapshot awaitMembers(Duration timeout) {
        ClusterSnapshot complete = awaitComplete(timeout);
        if (!complete.members().isEmpty()) {
            return complete;
        }
        java.util.concurrent.CompletableFuture<ClusterSnapshot> listed = new java.util.concurrent.CompletableFuture<>();
        try (Subscription s = onSnapshot(snapshot -> {
            if (!snapshot.members().isEmpty()) {
                listed.complete(snapshot);
            }
        })) {
            return listed.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return current();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return current();
        }
    }

    /** Calls the listener with the current snapshot at once, then with every new one. */
    Subscription onSnapshot(Consumer<ClusterSnapshot> listener);

    /** Calls the listener with every event as it is derived (not with the past ones). */
    Subscription onEvent(Consumer<ClusterEvent> listener);

    /** The newest events from the cluster's journal on disk, newest first. */
    List<ClusterEvent> recentEvents(int max);

    /**
     * Whether anybody looks (a console's window shown) or not (minimised, hidden): in the background the polled sources
     * are asked several times less often; back in the foreground, all at once. etcd's pushes and the fast polling
     * after a leader change are the same either way. Monitors without polled sources ignore it.
     */
    default void background(boolean background) {}

    /**
     * A viewer has drawn the cluster for the first time. A monitor started with
     * {@link MonitorSettings#lightFirstRound()} holds back the sources the first drawing does not need (etcd's client and
     * watch, Docker, PostgreSQL's logins, the exporters, the backups) until then, or until Patroni's first round has
     * failed, or at the latest a few seconds after its start; they show "first answer pending" meanwhile. Does not
     * block; monitors that hold nothing back ignore it.
     */
    default void clusterShown() {}

    @Override
    void close();

    /** Stops a listener. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
