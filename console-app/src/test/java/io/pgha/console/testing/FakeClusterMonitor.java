package io.pgha.console.testing;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.model.ClusterEvent;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.monitor.ClusterMonitor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A monitor the test drives: publish a snapshot or emit an event and every listener hears it at once. */
public final class FakeClusterMonitor implements ClusterMonitor {

    private final ClusterConnection connection;
    private final List<Consumer<ClusterSnapshot>> snapshotListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ClusterEvent>> eventListeners = new CopyOnWriteArrayList<>();
    private final List<ClusterEvent> journal;
    private volatile ClusterSnapshot current;
    private volatile boolean closed;
    private volatile boolean background;
    private final java.util.concurrent.atomic.AtomicInteger clusterShown =
            new java.util.concurrent.atomic.AtomicInteger();

    public FakeClusterMonitor(ClusterConnection connection, ClusterSnapshot first, List<ClusterEvent> journal) {
        this.connection = connection;
        this.current = first;
        this.journal = List.copyOf(journal);
    }

    public void publish(ClusterSnapshot snapshot) {
        current = snapshot;
        snapshotListeners.forEach(l -> l.accept(snapshot));
    }

    public void emit(ClusterEvent event) {
        eventListeners.forEach(l -> l.accept(event));
    }

    public int listeners() {
        return snapshotListeners.size() + eventListeners.size();
    }

    public boolean closed() {
        return closed;
    }

    /** Whether the console last said that nobody looks (its window minimised or hidden). */
    public boolean inBackground() {
        return background;
    }

    @Override
    public void background(boolean background) {
        this.background = background;
    }

    /** How many times the console said it has drawn the cluster. */
    public int clusterShownCalls() {
        return clusterShown.get();
    }

    @Override
    public void clusterShown() {
        clusterShown.incrementAndGet();
    }

    @Override
    public ClusterConnection connection() {
        return connection;
    }

    @Override
    public ClusterSnapshot current() {
        return current;
    }

    @Override
    public Subscription onSnapshot(Consumer<ClusterSnapshot> listener) {
        snapshotListeners.add(listener);
        listener.accept(current);
        return () -> snapshotListeners.remove(listener);
    }

    @Override
    public Subscription onEvent(Consumer<ClusterEvent> listener) {
        eventListeners.add(listener);
        return () -> eventListeners.remove(listener);
    }

    @Override
    public List<ClusterEvent> recentEvents(int max) {
        return journal.stream().limit(max).toList();
    }

    @Override
    public void close() {
        closed = true;
    }
}
