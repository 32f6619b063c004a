package io.pgha.runtime.monitor;

import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.ContainerInfo;
import io.pgha.runtime.model.EtcdMember;
import io.pgha.runtime.model.Health;
import io.pgha.runtime.model.Role;
import io.pgha.runtime.model.RouterBackend;
import io.pgha.runtime.model.Source;
import io.pgha.runtime.model.SourceStatus;
import io.pgha.runtime.testsupport.MemberBuilder;
import io.pgha.runtime.testsupport.SnapshotBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Snapshots for the pure-logic tests: a healthy three-node stack to change bit by bit. */
final class Snapshots {

    private final SnapshotBuilder snapshot = SnapshotBuilder.snapshot()
            .takenAt(Instant.parse("2026-01-01T00:00:00Z"))
            .leader("pg-0");
    private Instant at = Instant.parse("2026-01-01T00:00:00Z");

    /** The monitor's signals as a source sees them: merges go nowhere, the current snapshot is a healthy stack. */
    static final MonitorSources.Signals HEALTHY_SIGNALS = new MonitorSources.Signals() {
        @Override
        public void merge() {}

        @Override
        public void settledMerge() {}

        @Override
        public ClusterSnapshot current() {
            return healthy().build();
        }
    };

    static Snapshots healthy() {
        Snapshots s = new Snapshots();
        s.member("pg-0", Role.LEADER, "running", 5, OptionalLong.empty());
        s.member("pg-1", Role.REPLICA, "streaming", 5, OptionalLong.of(0));
        s.member("pg-2", Role.REPLICA, "streaming", 5, OptionalLong.of(0));
        for (String e : List.of("etcd-1", "etcd-2", "etcd-3")) {
            s.etcd(e, Health.UP);
        }
        s.backend("primary", "pg-0", RouterBackend.Status.UP);
        s.backend("primary", "pg-1", RouterBackend.Status.DOWN);
        s.backend("primary", "pg-2", RouterBackend.Status.DOWN);
        s.backend("replicas", "pg-0", RouterBackend.Status.DOWN);
        s.backend("replicas", "pg-1", RouterBackend.Status.UP);
        s.backend("replicas", "pg-2", RouterBackend.Status.UP);
        for (String c : List.of("pg-0", "pg-1", "pg-2", "etcd-1", "etcd-2", "etcd-3")) {
            s.container(c, "running", 0, "2026-01-01T00:00:00Z");
        }
        for (Source src : Source.values()) {
            s.snapshot.source(new SourceStatus(src, true, Optional.empty(), s.at));
        }
        return s;
    }

    Snapshots at(Instant t) {
        this.at = t;
        snapshot.takenAt(t);
        return this;
    }

    Snapshots later(long seconds) {
        return at(at.plusSeconds(seconds));
    }

    Snapshots leader(String name) {
        snapshot.leader(name);
        return this;
    }

    Snapshots paused(boolean p) {
        snapshot.paused(p);
        return this;
    }

    Snapshots member(String name, Role role, String state, int timeline, OptionalLong lag) {
        snapshot.member(MemberBuilder.member(name, role, state)
                .timeline(timeline < 0 ? OptionalInt.empty() : OptionalInt.of(timeline))
                .lag(lag)
                .build());
        return this;
    }

    Snapshots without(String member) {
        snapshot.without(member);
        return this;
    }

    Snapshots etcd(String name, Health health) {
        snapshot.etcdMember(new EtcdMember(
                name,
                "http://" + name + ":2379",
                health,
                false,
                OptionalLong.of(3),
                OptionalLong.of(1000),
                List.of(),
                health == Health.UP ? Optional.empty() : Optional.of("connection refused")));
        return this;
    }

    Snapshots backend(String listener, String server, RouterBackend.Status status) {
        snapshot.routerBackend(new RouterBackend(
                listener, server, status, status == RouterBackend.Status.UP ? "L7OK" : "L7STS", OptionalLong.of(2), 0));
        return this;
    }

    Snapshots container(String name, String state, int restarts, String startedAt) {
        snapshot.container(new ContainerInfo(
                name,
                "id-" + name,
                name.startsWith("pg") ? "postgres" : "etcd",
                "img",
                state,
                "none",
                restarts,
                Optional.of(Instant.parse(startedAt)),
                "running".equals(state) ? OptionalInt.empty() : OptionalInt.of(137)));
        return this;
    }

    Snapshots source(Source source, boolean available, String reason) {
        snapshot.source(new SourceStatus(source, available, Optional.ofNullable(reason), at));
        return this;
    }

    /** A Swarm's host in that state, its members running there (or, when it is not ready, their tasks shut down). */
    Snapshots host(String name, String state, String... members) {
        snapshot.host(new io.pgha.runtime.model.HostInfo(
                name,
                "192.168.241." + (10 + name.charAt(name.length() - 1) - '0'),
                state,
                "active",
                "manager reachable",
                "26.1.5",
                OptionalInt.of(2),
                OptionalLong.of(8L << 30),
                java.util.Arrays.stream(members)
                        .map(m -> new io.pgha.runtime.model.HostInfo.Placed(
                                m, "ready".equals(state) ? "running" : "shutdown"))
                        .toList()));
        return this;
    }

    /** The WAL archive's check on the leader, passing or failing. */
    Snapshots archive(boolean failing) {
        return archive("pg-0", failing);
    }

    /** The WAL archive's check on {@code primary}. */
    Snapshots archive(String primary, boolean failing) {
        snapshot.checks(List.of(new io.pgha.runtime.model.HealthCheck(
                io.pgha.runtime.model.HealthCheck.Kind.WAL_ARCHIVE,
                primary,
                failing ? io.pgha.runtime.model.HealthCheck.Status.FAIL : io.pgha.runtime.model.HealthCheck.Status.PASS,
                java.time.Duration.ZERO,
                at,
                failing ? "archive_command failing: segment X not archived" : "archiving: X archived 1 s ago")));
        return this;
    }

    ClusterSnapshot build() {
        return snapshot.build();
    }
}
