package io.pgha.console.ui.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pgha.console.testing.SampleCluster;
import io.pgha.console.ui.common.PlannedWork;
import io.pgha.console.ui.common.Tone;
import io.pgha.console.ui.topology.Topology.Link;
import io.pgha.console.ui.topology.Topology.PostgresNode;
import io.pgha.console.ui.topology.Topology.SupervisorNode;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.ContainerInfo;
import io.pgha.runtime.model.HostInfo;
import io.pgha.runtime.model.Role;
import io.pgha.runtime.model.Source;
import io.pgha.runtime.model.SourceStatus;
import io.pgha.runtime.testsupport.SnapshotBuilder;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TopologyMapperTest {

    @Test
    void aHealthyClusterShowsOnePrimaryTwoReplicasThreeEtcdAndTheRouterPaths() {
        Topology t = TopologyMapper.map(SampleCluster.healthy());

        assertThat(t.postgres())
                .extracting(PostgresNode::name, PostgresNode::role, PostgresNode::tone)
                .containsExactly(
                        tuple("pg-0", Role.LEADER, Tone.OK),
                        tuple("pg-1", Role.REPLICA, Tone.OK),
                        tuple("pg-2", Role.REPLICA, Tone.OK));
        assertThat(t.etcd()).extracting(Topology.EtcdNode::leader).containsExactly(false, true, false);
        assertThat(t.router().tone()).isEqualTo(Tone.OK);
        assertThat(links(t, Link.Kind.WRITE)).containsExactly("pg:pg-0");
        assertThat(links(t, Link.Kind.READ))
                .as("the primary is down on the read listener by design, so no read path")
                .containsExactlyInAnyOrder("pg:pg-1", "pg:pg-2");
        assertThat(t.links())
                .filteredOn(l -> l.kind() == Link.Kind.REPLICATION)
                .extracting(Link::from, Link::to, Link::label)
                .containsExactlyInAnyOrder(
                        tuple("pg:pg-0", "pg:pg-1", "64.0 KiB"), tuple("pg:pg-0", "pg:pg-2", "128.0 KiB"));
    }

    @Test
    void aSwitchoverTheConsoleRunsIsDrawnAsAHandoverFromTheOldPrimaryToTheNew() {
        Topology t = TopologyMapper.map(
                SampleCluster.handingOver("pg-0", "pg-1", 3, SampleCluster.T0),
                Optional.of(PlannedWork.switchover("pg-0", "pg-1")));

        assertThat(t.links())
                .filteredOn(l -> l.kind() == Link.Kind.HANDOVER)
                .extracting(Link::from, Link::to, Link::tone)
                .containsExactly(tuple("pg:pg-0", "pg:pg-1", Tone.PLANNED));
        assertThat(t.postgres()).extracting(PostgresNode::tone).doesNotContain(Tone.FAIL);
        assertThat(t.router().tone()).isEqualTo(Tone.PLANNED);
        assertThat(t.links()).extracting(Link::tone).doesNotContain(Tone.FAIL);

        Topology unplanned = TopologyMapper.map(SampleCluster.handingOver("pg-0", "pg-1", 3, SampleCluster.T0));
        assertThat(unplanned.links()).noneMatch(l -> l.kind() == Link.Kind.HANDOVER);
        assertThat(unplanned.router().tone())
                .as("the same state, unplanned, is an outage")
                .isEqualTo(Tone.FAIL);
        assertThat(unplanned.postgres().get(0).tone()).isEqualTo(Tone.FAIL);
    }

    @Test
    void aDeadPrimaryTurnsItsNodeAndTheRouterRedAndLeavesNoWritePath() {
        Topology t = TopologyMapper.map(SampleCluster.primaryDown("pg-0", SampleCluster.T0));

        assertThat(t.postgres()).extracting(PostgresNode::name).containsExactly("pg-1", "pg-2");
        assertThat(t.router().tone()).isEqualTo(Tone.FAIL);
        assertThat(links(t, Link.Kind.WRITE)).isEmpty();
        assertThat(links(t, Link.Kind.REPLICATION)).isEmpty();
    }

    @Test
    void aReplicaBeyondTheLagAlarmIsAWarningAndSoIsItsStream() {
        Topology t = TopologyMapper.map(SampleCluster.lagging(SampleCluster.T0));

        PostgresNode pg2 = t.postgres().get(2);
        assertThat(pg2.lagAlarm()).isTrue();
        assertThat(pg2.tone()).isEqualTo(Tone.WARN);
        assertThat(t.links())
                .filteredOn(l -> l.to().equals("pg:pg-2") && l.kind() == Link.Kind.REPLICATION)
                .extracting(Link::tone, Link::label)
                .containsExactly(tuple(Tone.WARN, "10.0 MiB"));
    }

    @Test
    void theLagAlarmIsTheClustersMaximumLagOnFailover() {
        assertThat(TopologyMapper.lagAlarmBytes(SampleCluster.healthy())).isEqualTo(1_048_576);
    }

    @Test
    void theSupervisorIsShownWithItsContainersStateHealthAndRestarts() {
        Topology healthy = TopologyMapper.map(SampleCluster.healthy());
        assertThat(healthy.supervisor())
                .isEqualTo(new SupervisorNode(true, "pg-supervisor", "running", "healthy", 0, Tone.OK));

        ClusterSnapshot s = SampleCluster.healthy();
        Topology exited = TopologyMapper.map(SampleCluster.snapshot(
                s.takenAt(),
                s.leader(),
                s.members(),
                s.etcdMembers(),
                s.routerBackends(),
                SampleCluster.containers(List.of("pg-supervisor")),
                s.checks()));
        assertThat(exited.supervisor())
                .extracting(SupervisorNode::state, SupervisorNode::tone)
                .containsExactly("exited", Tone.FAIL);
        assertThat(TopologyChanges.between(healthy, exited)).containsExactly(NodeId.SUPERVISOR);
    }

    @Test
    void theSupervisorsStateIsUnknownWhileDockerDoesNotAnswer() {
        ClusterSnapshot s = SampleCluster.healthy();
        List<SourceStatus> sources = s.sources().stream()
                .map(x -> x.source() == Source.DOCKER
                        ? new SourceStatus(Source.DOCKER, false, Optional.of("connection refused"), x.updatedAt())
                        : x)
                .toList();

        Topology t = TopologyMapper.map(SnapshotBuilder.from(s).sources(sources).build());

        assertThat(t.supervisor())
                .extracting(SupervisorNode::present, SupervisorNode::state, SupervisorNode::tone)
                .containsExactly(true, "unknown", Tone.UNKNOWN);
    }

    @Test
    void aStackWithoutASupervisorDrawsNone() {
        ClusterSnapshot s = SampleCluster.healthy();
        Topology t = TopologyMapper.map(SampleCluster.snapshot(
                s.takenAt(),
                s.leader(),
                s.members(),
                s.etcdMembers(),
                s.routerBackends(),
                s.containers().stream()
                        .filter(c -> !c.role().equals("supervisor"))
                        .toList(),
                s.checks()));

        assertThat(t.supervisor()).isEqualTo(SupervisorNode.ABSENT);
    }

    @Test
    void containerTonesFollowDockersStateAndHealth() {
        assertThat(List.of(
                        tone("running", "healthy"),
                        tone("running", "none"),
                        tone("running", "starting"),
                        tone("running", "unhealthy"),
                        tone("restarting", "none"),
                        tone("paused", "none"),
                        tone("exited", "none"),
                        tone("dead", "none"),
                        tone("created", "none")))
                .containsExactly(
                        Tone.OK,
                        Tone.OK,
                        Tone.WARN,
                        Tone.FAIL,
                        Tone.WARN,
                        Tone.WARN,
                        Tone.FAIL,
                        Tone.FAIL,
                        Tone.UNKNOWN);
    }

    private static Tone tone(String state, String health) {
        return TopologyMapper.containerTone(new ContainerInfo(
                "pg-supervisor",
                "1",
                "supervisor",
                "pgha/supervisor:local",
                state,
                health,
                0,
                Optional.empty(),
                OptionalInt.empty()));
    }

    private static List<String> links(Topology t, Link.Kind kind) {
        return t.links().stream().filter(l -> l.kind() == kind).map(Link::to).toList();
    }

    private static HostInfo host(String name, String state, String availability, String... members) {
        return new HostInfo(
                name,
                "192.168.241.1" + name.charAt(name.length() - 1),
                state,
                availability,
                "manager reachable",
                "26.1.5",
                OptionalInt.of(2),
                java.util.OptionalLong.of(8L << 30),
                java.util.Arrays.stream(members)
                        .map(m -> new HostInfo.Placed(m, "ready".equals(state) ? "running" : "shutdown"))
                        .toList());
    }

    /** The sample cluster placed across three hosts the other way round: pg-2 and etcd-1 on the first. */
    private static ClusterSnapshot onThreeHosts(String secondState, String secondAvailability) {
        return SnapshotBuilder.from(SampleCluster.healthy())
                .host(host("pgha-th-1", "ready", "active", "etcd-1", "pg-2", "pg-router", "pg-supervisor"))
                .host(host("pgha-th-2", secondState, secondAvailability, "etcd-2", "pg-1", "pg-router"))
                .host(host("pgha-th-3", "ready", "active", "etcd-3", "pg-0", "pg-0-exporter", "pg-router"))
                .build();
    }

    @Test
    void aClusterOnOneEngineHasNoHostLanesAndKeepsItsOrder() {
        Topology t = TopologyMapper.map(SampleCluster.healthy());
        assertThat(t.hosts()).isEmpty();
        assertThat(t.postgres()).extracting(PostgresNode::name).containsExactly("pg-0", "pg-1", "pg-2");
        assertThat(t.laneOf("pg:pg-0")).isEmpty();
    }

    @Test
    void aClusterOnASwarmIsGroupedByHostWithEachHostsNodesInItsLane() {
        Topology t = TopologyMapper.map(onThreeHosts("ready", "active"));

        assertThat(t.hosts())
                .extracting(Topology.HostLane::name, Topology.HostLane::state, Topology.HostLane::nodes)
                .containsExactly(
                        tuple("pgha-th-1", "ready/active", List.of("etcd:etcd-1", "pg:pg-2")),
                        tuple("pgha-th-2", "ready/active", List.of("etcd:etcd-2", "pg:pg-1")),
                        tuple("pgha-th-3", "ready/active", List.of("etcd:etcd-3", "pg:pg-0")));
        assertThat(t.postgres())
                .as("drawn lane by lane, so that each host's node sits above its etcd member")
                .extracting(PostgresNode::name)
                .containsExactly("pg-2", "pg-1", "pg-0");
        assertThat(t.etcd()).extracting(Topology.EtcdNode::name).containsExactly("etcd-1", "etcd-2", "etcd-3");
        assertThat(t.hosts().get(0).detail())
                .isEqualTo("manager reachable · Docker 26.1.5 · 2 CPUs, 8.0 GiB · pg-router, pg-supervisor");
        assertThat(t.hosts().get(2).detail()).endsWith("pg-0-exporter, pg-router");
        assertThat(t.laneOf("pg:pg-0")).hasValue(2);
        assertThat(t.laneOf("router")).isEmpty();
    }

    @Test
    void aHostsToneIsItsSwarmState() {
        record Case(String state, String availability, Tone tone) {}
        for (Case c : List.of(
                new Case("ready", "active", Tone.OK),
                new Case("ready", "drain", Tone.WARN),
                new Case("ready", "pause", Tone.WARN),
                new Case("down", "active", Tone.FAIL),
                new Case("disconnected", "active", Tone.FAIL),
                new Case("unknown", "active", Tone.UNKNOWN))) {
            Topology.HostLane second = TopologyMapper.map(onThreeHosts(c.state(), c.availability()))
                    .hosts()
                    .get(1);
            assertThat(second.tone()).as("%s", c).isEqualTo(c.tone());
            assertThat(second.state()).isEqualTo(c.state() + "/" + c.availability());
        }
        assertThat(TopologyMapper.map(onThreeHosts("down", "active"))
                        .hosts()
                        .get(1)
                        .detail())
                .as("members not drawn as nodes say their task's state")
                .endsWith("pg-router (shutdown)");
    }

    @Test
    void aMemberOnNoKnownHostIsDrawnAfterTheLanes() {
        ClusterSnapshot s = SnapshotBuilder.from(SampleCluster.healthy())
                .host(host("pgha-th-1", "ready", "active", "etcd-1", "pg-2"))
                .host(host("pgha-th-2", "ready", "active", "etcd-2", "pg-1"))
                .build();
        Topology t = TopologyMapper.map(s);
        assertThat(t.postgres()).extracting(PostgresNode::name).containsExactly("pg-2", "pg-1", "pg-0");
        assertThat(t.laneOf("pg:pg-0")).isEmpty();
    }
}
