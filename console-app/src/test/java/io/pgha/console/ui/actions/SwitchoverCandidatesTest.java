package io.pgha.console.ui.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.testing.SampleCluster;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.Role;
import io.pgha.runtime.testsupport.MemberBuilder;
import io.pgha.runtime.testsupport.SnapshotBuilder;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SwitchoverCandidatesTest {

    @Test
    void theReplicaWithTheLeastLagIsTheBest() {
        assertThat(ActionsViewModel.bestCandidate(SampleCluster.healthy()))
                .map(Candidate::name)
                .contains("pg-1");
        assertThat(ActionsViewModel.rankCandidates(SampleCluster.healthy()))
                .extracting(Candidate::name)
                .containsExactly("pg-1", "pg-2");
    }

    @Test
    void membersTaggedNofailoverOrNotRunningCannotBeChosen() {
        ClusterSnapshot s = SampleCluster.healthy();
        Member tagged = MemberBuilder.member("pg-1", Role.REPLICA, "streaming")
                .timeline(3)
                .lag(0)
                .apiUrl("")
                .tags(Map.of("nofailover", "true"))
                .build();
        Member stopped = SampleCluster.member("pg-2", Role.REPLICA, "stopped", 3, 0, OptionalLong.empty());
        ClusterSnapshot changed = SampleCluster.snapshot(
                s.takenAt(),
                s.leader(),
                List.of(s.members().get(0), tagged, stopped),
                s.etcdMembers(),
                s.routerBackends(),
                s.containers(),
                s.checks());

        assertThat(ActionsViewModel.bestCandidate(changed)).isEmpty();
        // the runtime's wording (ops.Candidates, as pgha switchover gives it), without the member's name the row shows
        assertThat(ActionsViewModel.rankCandidates(changed))
                .extracting(c -> c.whyNot().orElse(""))
                .containsExactlyInAnyOrder("is tagged nofailover", "is not running (state stopped)");
    }

    @Test
    void inSynchronousModeOnlyASynchronousStandbyQualifies() {
        ClusterSnapshot s = SampleCluster.healthy();
        Member sync = SampleCluster.member("pg-2", Role.SYNC_STANDBY, "streaming", 3, 0, OptionalLong.of(131_072));
        ClusterSnapshot syncMode =
                SnapshotBuilder.from(s).member(sync).sync("on", "pg-2").build();

        assertThat(ActionsViewModel.bestCandidate(syncMode))
                .map(Candidate::name)
                .contains("pg-2");
        assertThat(ActionsViewModel.rankCandidates(syncMode).get(1).whyNot())
                .hasValueSatisfying(why -> assertThat(why).startsWith("is not a synchronous standby"));
    }
}
