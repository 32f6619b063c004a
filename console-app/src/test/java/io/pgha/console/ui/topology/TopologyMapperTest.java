package io.pgha.console.ui.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pgha.console.testing.SampleCluster;
import io.pgha.console.ui.common.Tone;
import io.pgha.console.ui.topology.Topology.Link;
import io.pgha.console.ui.topology.Topology.PostgresNode;
import io.pgha.runtime.model.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyMapperTest {

    @Test
    void aHealthyClusterShowsOnePrimaryTwoReplicasThreeEtcdAndTheRouterPaths() {
        Topology t = TopologyMapper.map(SampleCluster.healthy());

        assertThat(t.postgres()).extracting(PostgresNode::name, PostgresNode::role, PostgresNode::tone).containsExactly(
                tuple("pg-0", Role.LEADER, Tone.OK),
                tuple("pg-1", Role.REPLICA, Tone.OK),
                tuple("pg-2", Role.REPLICA, Tone.OK));
        assertThat(t.etcd()).extracting(Topology.EtcdNode::leader).containsExactly(false, true, false);
        assertThat(t.router().tone()).isEqualTo(Tone.OK);
        assertThat(links(t, Link.Kind.WRITE)).containsExactly("pg:pg-0");
        assertThat(links(t, Link.Kind.READ)).as("the primary is down on the read listener by design, so no read path")
                .containsExactlyInAnyOrder("pg:pg-1", "pg:pg-2");
        assertThat(t.links()).filteredOn(l -> l.kind() == Link.Kind.REPLICATION)
                .extracting(Link::from, Link::to, Link::label)
                .containsExactlyInAnyOrder(tuple("pg:pg-0", "pg:pg-1", "64.0 KiB"),
                        tuple("pg:pg-0", "pg:pg-2", "128.0 KiB"));
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
        assertThat(t.links()).filteredOn(l -> l.to().equals("pg:pg-2") && l.kind() == Link.Kind.REPLICATION)
                .extracting(Link::tone, Link::label).containsExactly(tuple(Tone.WARN, "10.0 MiB"));
    }

    @Test
    void theLagAlarmIsTheClustersMaximumLagOnFailover() {
        assertThat(TopologyMapper.lagAlarmBytes(SampleCluster.healthy())).isEqualTo(1_048_576);
    }

    private static List<String> links(Topology t, Link.Kind kind) {
        return t.links().stream().filter(l -> l.kind() == kind).map(Link::to).toList();
    }
}
