package io.pgha.runtime.ops;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.ContainerInfo;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.Role;
import io.pgha.runtime.model.ScheduledSwitchover;
import io.pgha.runtime.testsupport.MemberBuilder;
import io.pgha.runtime.testsupport.SnapshotBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Snapshots of a three-member cluster for the precondition tests: pg-0 leads, pg-1 and pg-2 stream. */
final class Snapshots {

    static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    static final ClusterConnection CONNECTION = new ClusterConnection(
            "pg-ha",
            "pg-ha",
            List.of("http://127.0.0.1:23791"),
            Optional.empty(),
            Map.of("pg-0", "http://127.0.0.1:8008", "pg-1", "http://127.0.0.1:8009", "pg-2", "http://127.0.0.1:8010"),
            Optional.empty(),
            Optional.of("pg-ha"),
            ClusterConnection.Origin.ATTACHED);

    private final SnapshotBuilder snapshot = SnapshotBuilder.snapshot()
            .takenAt(NOW)
            .leader("pg-0")
            .dynamicConfig(Map.of("ttl", 20, "loop_wait", 2, "retry_timeout", 5, "maximum_lag_on_failover", 1048576));

    static Snapshots healthy() {
        Snapshots s = new Snapshots();
        s.snapshot.members(
                member("pg-0", Role.LEADER, "running", OptionalLong.empty(), Map.of()),
                member("pg-1", Role.REPLICA, "streaming", OptionalLong.of(0), Map.of()),
                member("pg-2", Role.REPLICA, "streaming", OptionalLong.of(0), Map.of()));
        for (String n : List.of("pg-0", "pg-1", "pg-2")) {
            s.snapshot.container(containerInfo(n, "running"));
        }
        return s;
    }

    static Member member(String name, Role role, String state, OptionalLong lag, Map<String, String> tags) {
        return MemberBuilder.member(name, role, state)
                .timeline(3)
                .lsn(100)
                .lag(lag)
                .tags(tags)
                .build();
    }

    static ContainerInfo containerInfo(String name, String state) {
        return new ContainerInfo(
                name,
                "id-" + name,
                "postgres",
                "pgha/spilo-17:local",
                state,
                "none",
                0,
                Optional.of(NOW),
                OptionalInt.empty());
    }

    Snapshots replace(Member m) {
        snapshot.member(m);
        return this;
    }

    Snapshots without(String name) {
        snapshot.without(name);
        return this;
    }

    Snapshots container(String name, String state) {
        snapshot.container(containerInfo(name, state));
        return this;
    }

    Snapshots leader(Optional<String> name) {
        snapshot.leader(name);
        return this;
    }

    Snapshots sync(String mode, String... standbys) {
        snapshot.sync(mode, standbys);
        return this;
    }

    Snapshots paused() {
        snapshot.paused(true);
        return this;
    }

    Snapshots pending(String from, String to) {
        snapshot.scheduledSwitchover(Optional.of(
                new ScheduledSwitchover(Optional.of(NOW.plusSeconds(3600)), Optional.of(from), Optional.of(to))));
        return this;
    }

    Snapshots config(String key, Object value) {
        snapshot.config(key, value);
        return this;
    }

    ClusterSnapshot build() {
        return snapshot.build();
    }
}
