package io.pgha.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.testsupport.MemberBuilder;
import io.pgha.runtime.testsupport.SnapshotBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ClusterSnapshotTest {

    private static Member member(String name, Role role, String state) {
        return MemberBuilder.member(name, role, state)
                .timeline(1)
                .lag(role.isLeader() ? OptionalLong.empty() : OptionalLong.of(0))
                .build();
    }

    private static EtcdMember etcd(String name, Health health) {
        return new EtcdMember(
                name,
                "http://" + name + ":2379",
                health,
                false,
                OptionalLong.empty(),
                OptionalLong.empty(),
                List.of(),
                Optional.empty());
    }

    private static ClusterSnapshot snapshot(Optional<String> leader, List<Member> members, List<EtcdMember> etcd) {
        return SnapshotBuilder.snapshot()
                .takenAt(Instant.now())
                .leader(leader)
                .members(members)
                .etcdMembers(etcd)
                .build();
    }

    private final List<Member> healthyMembers = List.of(
            member("pg-0", Role.LEADER, "running"),
            member("pg-1", Role.REPLICA, "streaming"),
            member("pg-2", Role.REPLICA, "streaming"));

    @Test
    void healthyWhenLeaderReplicasStreamingAndAllEtcdUp() {
        var s = snapshot(
                Optional.of("pg-0"),
                healthyMembers,
                List.of(etcd("etcd-1", Health.UP), etcd("etcd-2", Health.UP), etcd("etcd-3", Health.UP)));
        assertThat(s.health()).isEqualTo(ClusterHealth.HEALTHY);
        assertThat(s.replicas()).extracting(Member::name).containsExactly("pg-1", "pg-2");
    }

    @Test
    void degradedWhenOneEtcdMemberIsDownButQuorumHolds() {
        var s = snapshot(
                Optional.of("pg-0"),
                healthyMembers,
                List.of(etcd("etcd-1", Health.DOWN), etcd("etcd-2", Health.UP), etcd("etcd-3", Health.UP)));
        assertThat(s.etcdQuorum()).isTrue();
        assertThat(s.health()).isEqualTo(ClusterHealth.DEGRADED);
    }

    @Test
    void downWithoutQuorumOrLeader() {
        var noQuorum = snapshot(
                Optional.of("pg-0"),
                healthyMembers,
                List.of(etcd("etcd-1", Health.DOWN), etcd("etcd-2", Health.DOWN), etcd("etcd-3", Health.UP)));
        assertThat(noQuorum.health()).isEqualTo(ClusterHealth.DOWN);
        var noLeader = snapshot(Optional.empty(), healthyMembers, List.of());
        assertThat(noLeader.health()).isEqualTo(ClusterHealth.DOWN);
    }

    @Test
    void patroniRoleNamesMapToRoles() {
        assertThat(Role.fromPatroni("master")).isEqualTo(Role.LEADER);
        assertThat(Role.fromPatroni("primary")).isEqualTo(Role.LEADER);
        assertThat(Role.fromPatroni("Sync Standby")).isEqualTo(Role.SYNC_STANDBY);
        assertThat(Role.fromPatroni("quorum_standby")).isEqualTo(Role.QUORUM_STANDBY);
        assertThat(Role.fromPatroni("something new")).isEqualTo(Role.UNKNOWN);
    }

    private static ContainerInfo container(String name, Optional<String> service) {
        return new ContainerInfo(
                name,
                "id-" + name,
                "postgres",
                "img",
                "running",
                "none",
                0,
                Optional.empty(),
                OptionalInt.empty(),
                service);
    }

    @Test
    void aMembersContainerIsTheOneNamedLikeItElseTheOneRunningItsService() {
        var compose = SnapshotBuilder.snapshot()
                .containers(List.of(container("pg-0", Optional.of("pg-0")), container("etcd-1", Optional.of("etcd-1"))))
                .build();
        var named = SnapshotBuilder.snapshot()
                .containers(List.of(
                        container("sw17-pg-0", Optional.of("pg-0")),
                        container("sw17-pg-1", Optional.of("pg-1")),
                        container("sw17-pg-10", Optional.of("pg-10"))))
                .build();
        var twoServices = SnapshotBuilder.snapshot()
                .containers(List.of(container("a-pg-0", Optional.of("pg-0")), container("b-pg-0", Optional.of("pg-0"))))
                .build();

        assertThat(compose.containerOf("pg-0")).map(ContainerInfo::name).contains("pg-0");
        assertThat(named.containerOf("pg-1")).map(ContainerInfo::name).contains("sw17-pg-1");
        assertThat(named.container("pg-1")).isEmpty();
        assertThat(named.containerOf("pg-2")).isEmpty();
        assertThat(twoServices.containerOf("pg-0")).as("ambiguous").isEmpty();
    }

    /** The monitor tells a change from a repeat by this: a Swarm cluster's hosts were dropped once, so every poll was news. */
    @Test
    void retimedASnapshotKeepsEverythingElseHostsIncluded() {
        HostInfo host = new HostInfo(
                "host-1",
                "192.168.1.2",
                "ready",
                "active",
                "manager",
                "28.3.0",
                OptionalInt.of(2),
                OptionalLong.empty(),
                List.of(new HostInfo.Placed("pg-0", "running")));
        ClusterSnapshot s = SnapshotBuilder.snapshot()
                .takenAt(Instant.parse("2026-12-06T11:00:00Z"))
                .leader("pg-0")
                .members(member("pg-0", Role.LEADER, "running"))
                .hosts(List.of(host))
                .build();
        ClusterSnapshot later = s.withTakenAt(Instant.parse("2026-12-06T11:00:05Z"));

        assertThat(later.takenAt()).isEqualTo(Instant.parse("2026-12-06T11:00:05Z"));
        assertThat(later.hosts()).containsExactly(host);
        assertThat(later.withTakenAt(s.takenAt())).isEqualTo(s);
    }
}
