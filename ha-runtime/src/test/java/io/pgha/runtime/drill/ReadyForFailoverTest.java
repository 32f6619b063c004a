package io.pgha.runtime.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a drill may inject its fault: a failover must be possible without losing an acknowledged commit. */
class ReadyForFailoverTest {

    private static Map<String, DrillPatroni.MemberView> cluster(DrillPatroni.MemberView... members) {
        Map<String, DrillPatroni.MemberView> m = new LinkedHashMap<>();
        for (DrillPatroni.MemberView v : members) {
            m.put(v.name(), v);
        }
        return m;
    }

    private static DrillPatroni.MemberView leader(String name) {
        return new DrillPatroni.MemberView(name, "leader", "running", 3);
    }

    private static DrillPatroni.MemberView replica(String name, String role) {
        return new DrillPatroni.MemberView(name, role, "streaming", 3);
    }

    @Test
    void quorumModeWaitsUntilEveryReplicaIsAQuorumStandby() {
        var fresh = cluster(leader("pg-0"), replica("pg-1", "replica"), replica("pg-2", "quorum_standby"));
        var ready = cluster(leader("pg-0"), replica("pg-1", "quorum_standby"), replica("pg-2", "quorum_standby"));

        assertThat(DrillPatroni.readyForFailover(fresh, 3, "quorum")).isFalse();
        assertThat(DrillPatroni.readyForFailover(ready, 3, "quorum")).isTrue();
    }

    @Test
    void synchronousModeNeedsOneSynchronousStandby() {
        var none = cluster(leader("pg-0"), replica("pg-1", "replica"), replica("pg-2", "replica"));
        var one = cluster(leader("pg-0"), replica("pg-1", "sync_standby"), replica("pg-2", "replica"));

        assertThat(DrillPatroni.readyForFailover(none, 3, "on")).isFalse();
        assertThat(DrillPatroni.readyForFailover(one, 3, "on")).isTrue();
    }

    @Test
    void asynchronousModeNeedsOnlyStreamingReplicasOnTheLeadersTimeline() {
        var streaming = cluster(leader("pg-0"), replica("pg-1", "replica"), replica("pg-2", "replica"));
        var behind = cluster(
                leader("pg-0"),
                replica("pg-1", "replica"),
                new DrillPatroni.MemberView("pg-2", "replica", "streaming", 2));
        var starting = cluster(
                leader("pg-0"),
                replica("pg-1", "replica"),
                new DrillPatroni.MemberView("pg-2", "replica", "starting", 3));

        assertThat(DrillPatroni.readyForFailover(streaming, 3, "off")).isTrue();
        assertThat(DrillPatroni.readyForFailover(behind, 3, "off")).isFalse();
        assertThat(DrillPatroni.readyForFailover(starting, 3, "off")).isFalse();
        assertThat(DrillPatroni.readyForFailover(streaming, 4, "off"))
                .as("a member missing")
                .isFalse();
    }

    @Test
    void aClusterWithoutOneRunningLeaderIsNotReady() {
        var noLeader = cluster(replica("pg-1", "replica"), replica("pg-2", "replica"));
        var stoppedLeader =
                cluster(new DrillPatroni.MemberView("pg-0", "leader", "stopped", 3), replica("pg-1", "replica"));

        assertThat(DrillPatroni.readyForFailover(noLeader, 2, "off")).isFalse();
        assertThat(DrillPatroni.readyForFailover(stoppedLeader, 2, "off")).isFalse();
    }
}
