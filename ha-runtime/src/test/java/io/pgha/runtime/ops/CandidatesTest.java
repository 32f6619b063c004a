package io.pgha.runtime.ops;

import static io.pgha.runtime.ops.Snapshots.member;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.Role;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CandidatesTest {

    private static Member replica(String name, long lag) {
        return member(name, Role.REPLICA, "streaming", OptionalLong.of(lag), Map.of());
    }

    @Test
    void theLeastLaggingStreamingReplicaIsBest() {
        ClusterSnapshot s = Snapshots.healthy()
                .replace(replica("pg-1", 5000))
                .replace(replica("pg-2", 10))
                .build();
        assertThat(Candidates.best(s)).map(Member::name).contains("pg-2");
    }

    @Test
    void aSynchronousStandbyComesBeforeALessLaggingAsynchronousReplica() {
        ClusterSnapshot s = Snapshots.healthy()
                .replace(member("pg-1", Role.SYNC_STANDBY, "streaming", OptionalLong.of(900), Map.of()))
                .replace(replica("pg-2", 0))
                .sync("on", "pg-1")
                .build();
        assertThat(Candidates.best(s)).map(Member::name).contains("pg-1");
        assertThat(Candidates.whyNotForSwitchover(s, s.member("pg-2").orElseThrow()))
                .hasValueSatisfying(
                        r -> assertThat(r).contains("not a synchronous standby").contains("pg-1"));
    }

    @Test
    void equalLagFallsBackToFailoverPriorityThenName() {
        ClusterSnapshot s = Snapshots.healthy()
                .replace(
                        member("pg-2", Role.REPLICA, "streaming", OptionalLong.of(0), Map.of("failover_priority", "5")))
                .build();
        assertThat(Candidates.best(s)).map(Member::name).contains("pg-2");
        assertThat(Candidates.best(Snapshots.healthy().build()))
                .map(Member::name)
                .contains("pg-1");
    }

    @Test
    void nofailoverFailoverPriorityZeroLagAndStateExcludeAReplica() {
        ClusterSnapshot s = Snapshots.healthy()
                .replace(member("pg-1", Role.REPLICA, "streaming", OptionalLong.of(0), Map.of("nofailover", "true")))
                .replace(
                        member("pg-2", Role.REPLICA, "streaming", OptionalLong.of(0), Map.of("failover_priority", "0")))
                .build();
        assertThat(Candidates.best(s)).isEmpty();
        assertThat(Candidates.reasonsNoneCan(s))
                .containsExactly("pg-1 is tagged nofailover", "pg-2 has failover_priority 0 (never promoted)");

        ClusterSnapshot lagging =
                Snapshots.healthy().replace(replica("pg-1", 2 * 1024 * 1024)).build();
        assertThat(Candidates.whyNotForSwitchover(
                        lagging, lagging.member("pg-1").orElseThrow()))
                .hasValueSatisfying(
                        r -> assertThat(r).contains("lags 2.0 MiB").contains("maximum_lag_on_failover (1.0 MiB)"));

        ClusterSnapshot unknownLag = Snapshots.healthy()
                .replace(member("pg-1", Role.REPLICA, "streaming", OptionalLong.empty(), Map.of()))
                .build();
        assertThat(Candidates.whyNotForSwitchover(
                        unknownLag, unknownLag.member("pg-1").orElseThrow()))
                .hasValueSatisfying(r -> assertThat(r).contains("lag is unknown"));

        ClusterSnapshot starting = Snapshots.healthy()
                .replace(member("pg-1", Role.REPLICA, "starting", OptionalLong.of(0), Map.of()))
                .build();
        assertThat(Candidates.whyNotForSwitchover(
                        starting, starting.member("pg-1").orElseThrow()))
                .contains("pg-1 is not running (state starting)");
    }

    @Test
    void theConfiguredMaximumLagApplies() {
        ClusterSnapshot s = Snapshots.healthy()
                .replace(replica("pg-1", 5000))
                .config("maximum_lag_on_failover", 4096)
                .build();
        assertThat(Candidates.maximumLag(s)).isEqualTo(4096);
        assertThat(Candidates.whyNotForSwitchover(s, s.member("pg-1").orElseThrow()))
                .isPresent();
        assertThat(Candidates.maximumLag(Snapshots.healthy()
                        .config("maximum_lag_on_failover", "2048")
                        .build()))
                .isEqualTo(2048);
    }

    @Test
    void aFailoverNeedsARunningReplicaNotAStreamingOne() {
        ClusterSnapshot s = Snapshots.healthy()
                .leader(java.util.Optional.empty())
                .replace(member("pg-0", Role.REPLICA, "stopped", OptionalLong.empty(), Map.of()))
                .replace(member("pg-1", Role.REPLICA, "running", OptionalLong.empty(), Map.of()))
                .build();
        assertThat(Candidates.whyNotForFailover(s, s.member("pg-1").orElseThrow()))
                .isEmpty();
        assertThat(Candidates.whyNotForFailover(s, s.member("pg-0").orElseThrow()))
                .contains("pg-0 is not running (state stopped)");
    }
}
