package io.pgha.console.testing;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.model.ClusterEvent;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.ContainerInfo;
import io.pgha.runtime.model.EtcdMember;
import io.pgha.runtime.model.Health;
import io.pgha.runtime.model.HealthCheck;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.Role;
import io.pgha.runtime.model.RouterBackend;
import io.pgha.runtime.model.Source;
import io.pgha.runtime.model.SourceStatus;
import io.pgha.runtime.testsupport.MemberBuilder;
import io.pgha.runtime.testsupport.SnapshotBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Realistic snapshots of the default stack (pg-0..2, etcd-1..3, pg-router, pg-supervisor) as the monitor would make them,
 * with the variations tests need: a new leader, a dead primary, a lagging replica.
 */
public final class SampleCluster {

    public static final String SCOPE = "pg-ha";
    public static final Instant T0 = Instant.parse("2025-06-02T09:30:00Z");
    public static final Map<String, Object> DYNAMIC_CONFIG = Map.of(
            "ttl",
            20,
            "loop_wait",
            2,
            "retry_timeout",
            5,
            "maximum_lag_on_failover",
            1_048_576,
            "postgresql",
            Map.of(
                    "use_pg_rewind",
                    true,
                    "parameters",
                    Map.of("max_connections", 100, "wal_level", "replica", "hot_standby", "on")));

    private SampleCluster() {}

    public static ClusterConnection connection(String name) {
        return new ClusterConnection(
                name,
                SCOPE,
                List.of("http://127.0.0.1:23791", "http://127.0.0.1:23792", "http://127.0.0.1:23793"),
                Optional.empty(),
                Map.of(
                        "pg-0",
                        "http://127.0.0.1:8008",
                        "pg-1",
                        "http://127.0.0.1:8009",
                        "pg-2",
                        "http://127.0.0.1:8010"),
                Optional.of(new ClusterConnection.RouterEndpoints("127.0.0.1", 5000, 5001, "http://127.0.0.1:8404/")),
                Optional.of(name),
                ClusterConnection.Origin.PROVISIONED);
    }

    /** pg-0 the primary on timeline 3, pg-1 and pg-2 streaming; everything up. */
    public static ClusterSnapshot healthy() {
        return withLeader("pg-0", 3, T0);
    }

    /** The cluster after a switchover or failover to the given member, one timeline later. */
    public static ClusterSnapshot withLeader(String leader, int timeline, Instant at) {
        List<Member> members = new ArrayList<>();
        long lsn = 0x3000148L + timeline * 0x100000L;
        for (int i = 0; i < 3; i++) {
            String name = "pg-" + i;
            boolean isLeader = name.equals(leader);
            long lag = isLeader ? 0 : i * 65_536L;
            members.add(member(
                    name,
                    isLeader ? Role.LEADER : Role.REPLICA,
                    isLeader ? "running" : "streaming",
                    timeline,
                    lsn - lag,
                    isLeader ? OptionalLong.empty() : OptionalLong.of(lag)));
        }
        return snapshot(
                at,
                Optional.of(leader),
                members,
                allEtcdUp(),
                backends(leader, members),
                containers(List.of()),
                checks(at, leader, List.of()));
    }

    /** The primary's container was killed and no one holds the leader key yet. */
    /** The healthy cluster, now, with one replica a quorum standby lagging by the given bytes. */
    public static ClusterSnapshot withQuorumStandby(String name, long lagBytes) {
        ClusterSnapshot s = healthy();
        List<Member> members = s.members().stream()
                .map(m -> m.name().equals(name)
                        ? member(
                                name,
                                Role.QUORUM_STANDBY,
                                "streaming",
                                3,
                                m.lsn().getAsLong(),
                                OptionalLong.of(lagBytes))
                        : m)
                .toList();
        return snapshot(
                Instant.now(), s.leader(), members, s.etcdMembers(), s.routerBackends(), s.containers(), s.checks());
    }

    /** A healthy cluster whose node pg-1's certificate ends in 12 days (a WARN check, as the monitor makes it). */
    public static ClusterSnapshot certificateExpiresSoon() {
        ClusterSnapshot s = healthy();
        List<HealthCheck> checks = new ArrayList<>(s.checks());
        checks.add(new HealthCheck(
                HealthCheck.Kind.CERTIFICATE_EXPIRY,
                "pg-1",
                HealthCheck.Status.WARN,
                java.time.Duration.ZERO,
                s.takenAt(),
                "expires 2026-12-16T12:00:00Z, in 12 days: run `pgha certs rotate`"));
        return snapshot(
                s.takenAt(), s.leader(), s.members(), s.etcdMembers(), s.routerBackends(), s.containers(), checks);
    }

    public static ClusterSnapshot primaryDown(String deadPrimary, Instant at) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = "pg-" + i;
            if (!name.equals(deadPrimary)) {
                members.add(member(name, Role.REPLICA, "streaming", 3, 0x3100148L, OptionalLong.of(0)));
            }
        }
        List<RouterBackend> backends = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = "pg-" + i;
            backends.add(new RouterBackend(
                    RouterBackend.WRITE_LISTENER, name, RouterBackend.Status.DOWN, "L7STS", OptionalLong.of(2), 0));
            backends.add(new RouterBackend(
                    RouterBackend.READ_LISTENER,
                    name,
                    name.equals(deadPrimary) ? RouterBackend.Status.DOWN : RouterBackend.Status.UP,
                    name.equals(deadPrimary) ? "L4CON" : "L7OK",
                    OptionalLong.of(1),
                    2));
        }
        return snapshot(
                at,
                Optional.empty(),
                members,
                allEtcdUp(),
                backends,
                containers(List.of(deadPrimary)),
                checks(at, "", List.of(deadPrimary)));
    }

    /**
     * The moment of a switchover when the old primary has released the leader key and stopped, and the
     * candidate has not taken over yet: no leader, no write route.
     */
    public static ClusterSnapshot handingOver(String from, String to, int timeline, Instant at) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = "pg-" + i;
            members.add(member(
                    name,
                    Role.REPLICA,
                    name.equals(from) ? "stopped" : "streaming",
                    timeline,
                    0x3100148L,
                    name.equals(from) ? OptionalLong.empty() : OptionalLong.of(0)));
        }
        List<RouterBackend> backends = new ArrayList<>();
        for (Member m : members) {
            boolean stopped = m.name().equals(from);
            backends.add(new RouterBackend(
                    RouterBackend.WRITE_LISTENER, m.name(), RouterBackend.Status.DOWN, "L7STS", OptionalLong.of(1), 0));
            backends.add(new RouterBackend(
                    RouterBackend.READ_LISTENER,
                    m.name(),
                    stopped ? RouterBackend.Status.DOWN : RouterBackend.Status.UP,
                    stopped ? "L7STS" : "L7OK",
                    OptionalLong.of(1),
                    stopped ? 0 : 4));
        }
        return snapshot(
                at, Optional.empty(), members, allEtcdUp(), backends, containers(List.of()), checks(at, "", List.of()));
    }

    /** pg-2 lags far behind (10 MiB, above the 1 MiB alarm). */
    public static ClusterSnapshot lagging(Instant at) {
        ClusterSnapshot s = healthy();
        List<Member> members = s.members().stream()
                .map(m -> m.name().equals("pg-2")
                        ? member(
                                "pg-2",
                                Role.REPLICA,
                                "streaming",
                                3,
                                m.lsn().getAsLong(),
                                OptionalLong.of(10L * 1_048_576))
                        : m)
                .toList();
        return snapshot(at, s.leader(), members, s.etcdMembers(), s.routerBackends(), s.containers(), s.checks());
    }

    public static List<ClusterEvent> journal() {
        return List.of(
                event(
                        T0.minusSeconds(3600),
                        ClusterEvent.Kind.MEMBER_JOINED,
                        ClusterEvent.Severity.INFO,
                        "pg-2",
                        "pg-2 joined as a replica"),
                event(
                        T0.minusSeconds(1800),
                        ClusterEvent.Kind.OPERATION,
                        ClusterEvent.Severity.INFO,
                        "cluster",
                        "switchover pg-1 → pg-0 requested by the console"),
                event(
                        T0.minusSeconds(1795),
                        ClusterEvent.Kind.LEADER_CHANGED,
                        ClusterEvent.Severity.WARNING,
                        "pg-0",
                        "pg-0 is the new leader (timeline 3), was pg-1"),
                event(
                        T0.minusSeconds(600),
                        ClusterEvent.Kind.LAG_HIGH,
                        ClusterEvent.Severity.WARNING,
                        "pg-2",
                        "pg-2 lags 3.2 MiB"),
                event(
                        T0.minusSeconds(540),
                        ClusterEvent.Kind.LAG_RECOVERED,
                        ClusterEvent.Severity.INFO,
                        "pg-2",
                        "pg-2 caught up"),
                event(
                        T0.minusSeconds(60),
                        ClusterEvent.Kind.ETCD_MEMBER_UP,
                        ClusterEvent.Severity.INFO,
                        "etcd-3",
                        "etcd-3 is healthy again"));
    }

    public static ClusterEvent event(
            Instant at, ClusterEvent.Kind kind, ClusterEvent.Severity severity, String subject, String message) {
        return new ClusterEvent(at, kind, severity, subject, message, Map.of());
    }

    public static Member member(String name, Role role, String state, int timeline, long lsn, OptionalLong lag) {
        return MemberBuilder.member(name, role, state)
                .timeline(timeline)
                .lsn(lsn)
                .lag(lag)
                .build();
    }

    public static ClusterSnapshot snapshot(
            Instant at,
            Optional<String> leader,
            List<Member> members,
            List<EtcdMember> etcd,
            List<RouterBackend> backends,
            List<ContainerInfo> containers,
            List<HealthCheck> checks) {
        List<SourceStatus> sources =
                List.of(Source.DCS, Source.PATRONI, Source.ROUTER, Source.POSTGRES, Source.DOCKER, Source.EXPORTER)
                        .stream()
                        .map(s -> new SourceStatus(s, true, Optional.empty(), at))
                        .toList();
        return SnapshotBuilder.snapshot()
                .scope(SCOPE)
                .takenAt(at)
                .leader(leader)
                .members(members)
                .etcdMembers(etcd)
                .routerBackends(backends)
                .containers(containers)
                .checks(checks)
                .sources(sources)
                .dynamicConfig(DYNAMIC_CONFIG)
                .build();
    }

    public static List<EtcdMember> allEtcdUp() {
        List<EtcdMember> etcd = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            etcd.add(new EtcdMember(
                    "etcd-" + i,
                    "http://127.0.0.1:" + (23790 + i),
                    Health.UP,
                    i == 2,
                    OptionalLong.of(7),
                    OptionalLong.of(98_304),
                    List.of(),
                    Optional.empty()));
        }
        return etcd;
    }

    public static List<RouterBackend> backends(String leader, List<Member> members) {
        List<RouterBackend> backends = new ArrayList<>();
        for (Member m : members) {
            boolean isLeader = m.name().equals(leader);
            backends.add(new RouterBackend(
                    RouterBackend.WRITE_LISTENER,
                    m.name(),
                    isLeader ? RouterBackend.Status.UP : RouterBackend.Status.DOWN,
                    isLeader ? "L7OK" : "L7STS",
                    OptionalLong.of(1),
                    isLeader ? 12 : 0));
            backends.add(new RouterBackend(
                    RouterBackend.READ_LISTENER,
                    m.name(),
                    isLeader ? RouterBackend.Status.DOWN : RouterBackend.Status.UP,
                    isLeader ? "L7STS" : "L7OK",
                    OptionalLong.of(1),
                    isLeader ? 0 : 4));
        }
        return backends;
    }

    public static List<ContainerInfo> containers(List<String> dead) {
        List<ContainerInfo> containers = new ArrayList<>();
        for (String name : List.of(
                "etcd-1",
                "etcd-2",
                "etcd-3",
                "pg-0",
                "pg-1",
                "pg-2",
                "pg-router",
                "pg-0-exporter",
                "pg-1-exporter",
                "pg-2-exporter",
                "pg-supervisor")) {
            boolean down = dead.contains(name);
            String role = name.startsWith("etcd")
                    ? "etcd"
                    : name.endsWith("exporter")
                            ? "exporter"
                            : name.equals("pg-router")
                                    ? "router"
                                    : name.equals("pg-supervisor") ? "supervisor" : "postgres";
            containers.add(new ContainerInfo(
                    name,
                    Integer.toHexString(name.hashCode()),
                    role,
                    "pgha/" + role + ":local",
                    down ? "exited" : "running",
                    down ? "none" : "healthy",
                    0,
                    Optional.of(T0.minusSeconds(7200)),
                    down ? OptionalInt.of(137) : OptionalInt.empty()));
        }
        return containers;
    }

    public static List<HealthCheck> checks(Instant at, String leader, List<String> dead) {
        List<HealthCheck> checks = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            checks.add(check(HealthCheck.Kind.ETCD_ENDPOINT, "etcd-" + i, HealthCheck.Status.PASS, 3, at, "healthy"));
        }
        checks.add(check(HealthCheck.Kind.ETCD_QUORUM, "etcd", HealthCheck.Status.PASS, 4, at, "3 of 3 members up"));
        for (int i = 0; i < 3; i++) {
            String name = "pg-" + i;
            boolean down = dead.contains(name);
            HealthCheck.Status status = down ? HealthCheck.Status.FAIL : HealthCheck.Status.PASS;
            checks.add(check(
                    HealthCheck.Kind.PATRONI_HEALTH,
                    name,
                    status,
                    down ? 3000 : 6,
                    at,
                    down ? "connection refused" : name.equals(leader) ? "running as primary" : "streaming"));
            checks.add(check(
                    HealthCheck.Kind.POSTGRES_READY,
                    name,
                    status,
                    down ? 1000 : 9,
                    at,
                    down ? "no answer" : "accepting connections"));
            checks.add(check(
                    HealthCheck.Kind.EXPORTER_SCRAPE,
                    name + "-exporter",
                    down ? HealthCheck.Status.WARN : HealthCheck.Status.PASS,
                    down ? 1500 : 22,
                    at,
                    down ? "pg_up 0" : "pg_up 1"));
        }
        checks.add(check(
                HealthCheck.Kind.ROUTER_BACKEND,
                "primary",
                leader.isEmpty() ? HealthCheck.Status.FAIL : HealthCheck.Status.PASS,
                1,
                at,
                leader.isEmpty() ? "no server UP on the write listener" : leader + " UP"));
        return checks;
    }

    private static HealthCheck check(
            HealthCheck.Kind kind, String target, HealthCheck.Status status, long millis, Instant at, String detail) {
        return new HealthCheck(kind, target, status, Duration.ofMillis(millis), at, detail);
    }
}
