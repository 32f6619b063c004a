package io.pgha.console.ui.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.testing.SampleCluster;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.Role;
import io.pgha.runtime.model.SyncState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SwitchoverCandidatesTest {

    @Test
    void theReplicaWithTheLeastLagIsTheBest() {
        assertThat(ActionsViewModel.bestCandidate(SampleCluster.healthy())).map(Candidate::name).contains("pg-1");
        assertThat(ActionsViewModel.rankCandidates(SampleCluster.healthy())).extracting(Candidate::name).containsExactly("pg-1", "pg-2");
    }

    @Test
    void membersTaggedNofailoverOrNotRunningCannotBeChosen() {
        ClusterSnapshot s = SampleCluster.healthy();
        Member tagged = new Member("pg-1", Role.REPLICA, "streaming", OptionalInt.of(3), OptionalLong.empty(), OptionalLong.of(0),
                "pg-1", 5432, "", Map.of("nofailover", "true"), false, Optional.empty());
        Member stopped = SampleCluster.member("pg-2", Role.REPLICA, "stopped", 3, 0, OptionalLong.empty());
        ClusterSnapshot changed = SampleCluster.snapshot(s.takenAt(), s.leader(), List.of(s.members().get(0), tagged, stopped),
                s.etcdMembers(), s.routerBackends(), s.containers(), s.checks());

        assertThat(ActionsViewModel.bestCandidate(changed)).isEmpty();
        // the runtime's wording (ops.Candidates, as pgha switchover gives it), without the member's name the row shows
        assertThat(ActionsViewModel.rankCandidates(changed)).extracting(c -> c.whyNot().orElse(""))
                .containsExactlyInAnyOrder("is tagged nofailover", "is not running (state stopped)");
    }

    @Test
    void inSynchronousModeOnlyASynchronousStandbyQualifies() {
        ClusterSnapshot s = SampleCluster.healthy();
        Member sync = SampleCluster.member("pg-2", Role.SYNC_STANDBY, "streaming", 3, 0, OptionalLong.of(131_072));
        ClusterSnapshot syncMode = new ClusterSnapshot(s.scope(), s.takenAt(), s.leader(), List.of(s.members().get(0), s.members().get(1), sync),
                new SyncState("on", List.of("pg-2"), OptionalInt.empty()), false, Optional.empty(), s.etcdMembers(),
                s.routerBackends(), s.containers(), s.checks(), s.sources(), s.dynamicConfig());

        assertThat(ActionsViewModel.bestCandidate(syncMode)).map(Candidate::name).contains("pg-2");
        assertThat(ActionsViewModel.rankCandidates(syncMode).get(1).whyNot())
                .hasValueSatisfying(why -> assertThat(why).startsWith("is not a synchronous standby"));
    }
}
