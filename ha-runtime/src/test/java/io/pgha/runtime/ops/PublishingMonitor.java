package io.pgha.runtime.ops;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.model.ClusterEvent;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.monitor.ClusterMonitor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A monitor whose snapshot a test sets ({@code current}) or publishes to the listeners, as a real cluster would. */
class PublishingMonitor implements ClusterMonitor {
    final List<Consumer<ClusterSnapshot>> listeners = new CopyOnWriteArrayList<>();
    volatile ClusterSnapshot current;
    volatile int subscriptions;

    PublishingMonitor(ClusterSnapshot first) {
        current = first;
    }

    void awaitListener() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (listeners.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    void publish(ClusterSnapshot s) {
        current = s;
        listeners.forEach(l -> l.accept(s));
    }

    @Override
    public ClusterConnection connection() {
        return Snapshots.CONNECTION;
    }

    @Override
    public ClusterSnapshot current() {
        return current;
    }

    @Override
    public Subscription onSnapshot(Consumer<ClusterSnapshot> listener) {
        subscriptions++;
        listeners.add(listener);
        listener.accept(current);
        return () -> listeners.remove(listener);
    }

    @Override
    public Subscription onEvent(Consumer<ClusterEvent> listener) {
        return () -> {};
    }

    @Override
    public List<ClusterEvent> recentEvents(int max) {
        return List.of();
    }

    @Override
    public void close() {}
}
