package io.pgha.console.ui.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.service.ClusterAction;
import io.pgha.console.testing.Inline;
import io.pgha.console.testing.RecordingNotifier;
import io.pgha.console.testing.SampleCluster;
import io.pgha.console.testing.SimulatedCluster;
import io.pgha.console.ui.common.Notice;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

class ActionsViewModelTest {

    private final SimulatedCluster cluster = new SimulatedCluster("demo");
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final ActionsViewModel viewModel =
            new ActionsViewModel(cluster.session().actions(), Inline.executors(), notifier, SampleCluster.healthy());

    @Test
    void aConfirmedSwitchoverRunsAndItsOutcomeIsNotified() {
        ClusterAction switchover = viewModel.switchoverTo("pg-1").orElseThrow();
        Confirmation confirmation = viewModel.confirmation(switchover);

        viewModel.perform(confirmation);

        assertThat(cluster.performed()).containsExactly(new ClusterAction.Switchover("pg-0", "pg-1"));
        assertThat(notifier.last().level()).isEqualTo(Notice.Level.SUCCESS);
        assertThat(notifier.last().text()).isEqualTo("pg-1 is the primary now (timeline 4) (1.8 s)");
        assertThat(viewModel.busyProperty().get()).isFalse();
    }

    @Test
    void aRefusalIsAWarningWithTheRuntimesReason() {
        cluster.refuseWith("pg-2 lags 12 MiB, more than maximum_lag_on_failover");

        viewModel.perform(viewModel.confirmation(new ClusterAction.Failover("pg-2")));

        assertThat(notifier.last())
                .isEqualTo(Notice.warning(
                        "Refused: Fail over to pg-2", "pg-2 lags 12 MiB, more than maximum_lag_on_failover"));
    }

    @Test
    void confirmationsSayWhatWillHappenToThisCluster() {
        assertThat(viewModel
                        .confirmation(new ClusterAction.Switchover("pg-0", "pg-1"))
                        .whatHappens())
                .startsWith("pg-0 stops being the primary and pg-1 (lag 64.0 KiB) is promoted.");
        assertThat(viewModel
                        .confirmation(new ClusterAction.StopContainer("pg-0"))
                        .whatHappens())
                .contains(
                        "pg-0 is the primary: writes fail, and if it is not back within the leader ttl (20 s) a replica takes over.");
        assertThat(viewModel
                        .confirmation(new ClusterAction.RestartPostgres("pg-2"))
                        .risky())
                .isFalse();
        assertThat(viewModel
                        .confirmation(new ClusterAction.Reinitialize("pg-2"))
                        .whatHappens())
                .contains("cloned again from the primary pg-0");
        assertThat(viewModel.pauseOrResume()).isEqualTo(new ClusterAction.Pause());
    }

    @Test
    void failingOverAHealthyPrimaryNeedsTheClusterNameAndWithoutOneNothing() {
        ActionsViewModel named = new ActionsViewModel(
                cluster.session().actions(),
                Inline.executors(),
                notifier,
                SampleCluster.healthy(),
                new SimpleObjectProperty<>(Optional.empty()),
                "demo",
                Clock.systemUTC());

        assertThat(named.healthyLeader()).contains("pg-0");
        assertThat(named.failoverConfirmedBy("")).isFalse();
        assertThat(named.failoverConfirmedBy("pg-ha")).isFalse();
        assertThat(named.failoverConfirmedBy(" demo ")).isTrue();

        named.apply(SampleCluster.primaryDown("pg-0", SampleCluster.T0));
        assertThat(named.healthyLeader()).isEmpty();
        assertThat(named.failoverConfirmedBy("")).isTrue();
    }

    @Test
    void aScheduledSwitchoverIsALocalTimeInTheFutureAndSaysWhenItHappens() {
        Clock clock = Clock.fixed(Instant.parse("2025-06-02T09:10:00Z"), ZoneOffset.UTC);
        ActionsViewModel scheduling = new ActionsViewModel(
                cluster.session().actions(),
                Inline.executors(),
                notifier,
                SampleCluster.healthy(),
                new SimpleObjectProperty<>(Optional.empty()),
                "demo",
                clock);

        assertThat(scheduling.proposedSchedule()).isEqualTo(LocalDateTime.parse("2025-06-02T10:00"));
        assertThat(scheduling.scheduleProblem(LocalDateTime.parse("2025-06-02T09:00")))
                .contains("Choose a time in the future.");
        assertThat(scheduling.scheduleProblem(LocalDateTime.parse("2025-06-02T23:30")))
                .isEmpty();
        ClusterAction later = scheduling
                .switchoverTo("pg-1", LocalDateTime.parse("2025-06-02T23:30"))
                .orElseThrow();
        assertThat(later)
                .isEqualTo(new ClusterAction.Switchover(
                        "pg-0", "pg-1", Optional.of(Instant.parse("2025-06-02T23:30:00Z"))));
        assertThat(scheduling.confirmation(later).title()).isEqualTo("Schedule switchover to pg-1");
        assertThat(scheduling.confirmation(later).whatHappens()).contains("pg-0 hands the primary role to pg-1");
    }
}
