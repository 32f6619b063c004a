package io.pgha.console.ui.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.service.ActionOutcome;
import io.pgha.console.service.ClusterAction;
import io.pgha.console.service.ClusterActions;
import io.pgha.console.testing.Inline;
import io.pgha.console.testing.InlineScheduler;
import io.pgha.console.testing.RecordingNotifier;
import io.pgha.console.testing.SampleCluster;
import io.pgha.console.ui.common.PlannedWork;
import io.pgha.runtime.model.ClusterHealth;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** What the actions publish as planned work while an operation runs, and when they stop. */
class PlannedWorkLifecycleTest {

    private final List<Optional<PlannedWork>> seenWhileRunning = new ArrayList<>();
    private final InlineScheduler scheduler = new InlineScheduler();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private ActionsViewModel viewModel;
    private Runnable during = () -> {};

    private final ClusterActions actions = action -> {
        seenWhileRunning.add(viewModel.plannedWorkProperty().get());
        during.run();
        return new ActionOutcome("done", Duration.ofMillis(1500));
    };

    private ActionsViewModel viewModel() {
        viewModel = new ActionsViewModel(actions, Inline.executors(scheduler), notifier, SampleCluster.healthy());
        return viewModel;
    }

    @Test
    void aSwitchoverIsPlannedWorkWhileItRunsAndEndsOnAHealthyClusterWithTheWritePauseInTheResult() {
        ActionsViewModel vm = viewModel();
        during = () -> {
            vm.apply(SampleCluster.handingOver("pg-0", "pg-1", 3, SampleCluster.T0.plusSeconds(1)));
            vm.apply(SampleCluster.withLeader("pg-1", 4, SampleCluster.T0.plusMillis(1700)));
        };

        vm.perform(vm.confirmation(new ClusterAction.Switchover("pg-0", "pg-1")));

        assertThat(seenWhileRunning).containsExactly(Optional.of(PlannedWork.switchover("pg-0", "pg-1")));
        assertThat(vm.plannedWorkProperty().get()).isEmpty();
        assertThat(vm.resultProperty().get()).isEqualTo("Switch over to pg-1: done in 1.5 s · writes paused 0.7 s");
        assertThat(notifier.last().text()).isEqualTo("done (1.5 s) · writes paused 0.7 s");
    }

    @Test
    void afterTheOperationThePlannedWorkStaysUntilTheClusterIsHealthyAgain() {
        ActionsViewModel vm = viewModel();
        during = () -> vm.apply(pg2Starting());

        vm.perform(vm.confirmation(new ClusterAction.RestartPostgres("pg-2")));

        assertThat(vm.plannedWorkProperty().get()).contains(PlannedWork.of("restarting PostgreSQL on pg-2"));
        vm.apply(SampleCluster.withLeader("pg-0", 3, SampleCluster.T0.plusSeconds(3)));
        assertThat(vm.plannedWorkProperty().get()).isEmpty();
    }

    @Test
    void aClusterThatDoesNotSettleIsShownAsItIsAfterTheGracePeriod() {
        ActionsViewModel vm = viewModel();
        during = () -> vm.apply(pg2Starting());

        vm.perform(vm.confirmation(new ClusterAction.RestartPostgres("pg-2")));
        scheduler.runDue();

        assertThat(vm.plannedWorkProperty().get()).isEmpty();
    }

    /** pg-2 not streaming yet after its restart: the cluster is degraded. */
    private static ClusterSnapshot pg2Starting() {
        ClusterSnapshot s = SampleCluster.healthy();
        List<Member> members = s.members().stream()
                .map(m -> m.name().equals("pg-2")
                        ? SampleCluster.member(
                                "pg-2", Role.REPLICA, "starting", 3, m.lsn().getAsLong(), OptionalLong.empty())
                        : m)
                .toList();
        ClusterSnapshot starting = SampleCluster.snapshot(
                SampleCluster.T0.plusSeconds(1),
                s.leader(),
                members,
                s.etcdMembers(),
                s.routerBackends(),
                s.containers(),
                s.checks());
        assertThat(starting.health()).isEqualTo(ClusterHealth.DEGRADED);
        return starting;
    }

    @Test
    void aFailoverAnswersAnOutageAndIsNotPlannedWork() {
        ActionsViewModel vm = viewModel();

        vm.perform(vm.confirmation(new ClusterAction.Failover("pg-2")));

        assertThat(seenWhileRunning).containsExactly(Optional.empty());
    }
}
