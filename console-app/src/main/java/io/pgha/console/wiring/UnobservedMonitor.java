package io.pgha.console.wiring;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.model.ClusterEvent;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Source;
import io.pgha.runtime.model.SourceStatus;
import io.pgha.runtime.model.SyncState;
import io.pgha.runtime.monitor.ClusterMonitor;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Stands in for the runtime's monitor until it is wired: one snapshot whose every source says why it is empty. */
final class UnobservedMonitor implements ClusterMonitor {

    private final ClusterConnection connection;
    private final ClusterSnapshot snapshot;

    UnobservedMonitor(ClusterConnection connection) {
        this.connection = connection;
        Instant now = Instant.now();
        Optional<String> reason = Optional.of("watching clusters is not available in this build of the console yet");
        List<SourceStatus> sources = Arrays.stream(Source.values()).map(s -> new SourceStatus(s, false, reason, now)).toList();
        this.snapshot = new ClusterSnapshot(connection.scope(), now, Optional.empty(), List.of(), SyncState.OFF, false,
                Optional.empty(), List.of(), List.of(), List.of(), List.of(), sources, Map.of());
    }

    @Override
    public ClusterConnection connection() {
        return connection;
    }

    @Override
    public ClusterSnapshot current() {
        return snapshot;
    }

    @Override
    public Subscription onSnapshot(Consumer<ClusterSnapshot> listener) {
        listener.accept(snapshot);
        return () -> { };
    }

    @Override
    public Subscription onEvent(Consumer<ClusterEvent> listener) {
        return () -> { };
    }

    @Override
    public List<ClusterEvent> recentEvents(int max) {
        return List.of();
    }

    @Override
    public void close() {
    }
}
