package io.pgha.console.ui.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pgha.console.service.DrillRequest;
import io.pgha.console.service.FaultDrills;
import io.pgha.console.testing.Inline;
import io.pgha.console.testing.RecordingNotifier;
import io.pgha.console.testing.SampleCluster;
import io.pgha.console.testing.SampleDrills;
import io.pgha.console.ui.common.Notice;
import io.pgha.console.ui.common.Tone;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.drill.DrillResult;
import io.pgha.runtime.drill.DrillScenario;
import io.pgha.runtime.drill.WriteGap;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.ContainerInfo;
import io.pgha.runtime.model.Source;
import io.pgha.runtime.model.SourceStatus;
import io.pgha.runtime.testsupport.SnapshotBuilder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class DrillsViewModelTest {

    private final FakeDrills drills = new FakeDrills();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final DrillsViewModel viewModel = new DrillsViewModel(
            drills, SampleCluster.connection("demo"), Inline.executors(), notifier, SampleCluster.healthy());

    /** The console's port, answering each run from a script; a step may act while "its drill is running". */
    private static final class FakeDrills implements FaultDrills {
        final List<DrillRequest> requests = new ArrayList<>();
        final Deque<Step> script = new ArrayDeque<>();

        interface Step {
            DrillResult run(DrillRequest request, Consumer<String> progress, BooleanSupplier cancelled);
        }

        @Override
        public DrillResult run(DrillRequest request, Consumer<String> progress, BooleanSupplier cancelled) {
            requests.add(request);
            return script.removeFirst().run(request, progress, cancelled);
        }

        @Override
        public io.pgha.runtime.chaos.ChaosReport chaos(
                io.pgha.console.service.ChaosRequest request, Consumer<String> progress, BooleanSupplier cancelled) {
            throw new AssertionError("no chaos run in these tests");
        }

        void answer(DrillResult result) {
            script.add((request, progress, cancelled) -> {
                progress.accept("injecting " + request.scenario().cliName() + " on pg-0");
                return result;
            });
        }
    }

    private void choose(DrillScenario scenario, int runs) {
        viewModel
                .scenarioProperty()
                .set(viewModel.scenarios().stream()
                        .filter(c -> c.id().equals(scenario.cliName()))
                        .findFirst()
                        .orElseThrow());
        viewModel.runsProperty().set(runs);
    }

    private static String figure(DrillsViewModel vm, String label) {
        return vm.figures().stream()
                .filter(f -> f.label().equals(label))
                .findFirst()
                .orElseThrow()
                .value();
    }

    private static Tone tone(DrillsViewModel vm, String label) {
        return vm.figures().stream()
                .filter(f -> f.label().equals(label))
                .findFirst()
                .orElseThrow()
                .tone();
    }

    @Test
    void everyScenarioOfTheRuntimeIsOffered() {
        assertThat(viewModel.scenarios())
                .extracting(DrillChoice::id)
                .containsExactlyElementsOf(Arrays.stream(DrillScenario.values())
                        .map(DrillScenario::cliName)
                        .toList());
        assertThat(viewModel.scenarioProperty().get().description())
                .isEqualTo(DrillScenario.KILL_PRIMARY.description());
    }

    @Test
    void aLocalDockerStackCanRunDrillsOnItsMembersAndEtcdContainers() {
        assertThat(viewModel.availableProperty().get()).isTrue();
        assertThat(viewModel.canRunProperty().get()).isTrue();
        assertThat(viewModel.availabilityProperty().get())
                .isEqualTo(
                        "Runs against demo on the local Docker engine: pg-0, pg-1, pg-2, etcd etcd-1, etcd-2, etcd-3.");
    }

    @Test
    void aClusterAttachedWithoutDockerCannotRunDrills() {
        ClusterConnection c = SampleCluster.connection("remote");
        ClusterConnection attached = new ClusterConnection(
                c.name(),
                c.scope(),
                c.etcdEndpoints(),
                c.etcdAuth(),
                c.patroniUrls(),
                c.router(),
                Optional.empty(),
                ClusterConnection.Origin.ATTACHED);
        DrillsViewModel remote =
                new DrillsViewModel(drills, attached, Inline.executors(), notifier, SampleCluster.healthy());

        remote.run();

        assertThat(remote.canRunProperty().get()).isFalse();
        assertThat(remote.availabilityProperty().get())
                .startsWith("Drills need the cluster's containers on the local Docker engine");
        assertThat(drills.requests).isEmpty();
    }

    @Test
    void drillsWaitWhileDockerDoesNotAnswerAndComeBackWithIt() {
        ClusterSnapshot healthy = SampleCluster.healthy();
        List<SourceStatus> sources = healthy.sources().stream()
                .map(s -> s.source() == Source.DOCKER
                        ? new SourceStatus(
                                Source.DOCKER,
                                false,
                                Optional.of("permission denied on /var/run/docker.sock"),
                                s.updatedAt())
                        : s)
                .toList();

        viewModel.apply(SnapshotBuilder.from(healthy).sources(sources).build());
        assertThat(viewModel.canRunProperty().get()).isFalse();
        assertThat(viewModel.availabilityProperty().get())
                .isEqualTo("Docker is not available: permission denied on /var/run/docker.sock. "
                        + "Drills need the local Docker engine.");

        viewModel.apply(healthy);
        assertThat(viewModel.canRunProperty().get()).isTrue();
    }

    @Test
    void containersThatRunNoMemberCannotBeDrilled() {
        ClusterSnapshot healthy = SampleCluster.healthy();
        List<ContainerInfo> prefixed = healthy.containers().stream()
                .map(c -> new ContainerInfo(
                        "shop-" + c.name(),
                        c.id(),
                        c.role(),
                        c.image(),
                        c.state(),
                        c.health(),
                        c.restartCount(),
                        c.startedAt(),
                        c.exitCode()))
                .toList();

        viewModel.apply(SampleCluster.snapshot(
                healthy.takenAt(),
                healthy.leader(),
                healthy.members(),
                healthy.etcdMembers(),
                healthy.routerBackends(),
                prefixed,
                healthy.checks()));

        assertThat(viewModel.canRunProperty().get()).isFalse();
        assertThat(viewModel.availabilityProperty().get()).contains("none runs pg-0, pg-1, pg-2");
    }

    @Test
    void theConfirmationSaysWhatTheDrillDoesToWhichNode() {
        choose(DrillScenario.KILL_PRIMARY, 1);
        DrillConfirmation kill = viewModel.confirmation();
        assertThat(kill.title()).isEqualTo("Run the kill-primary drill on demo");
        assertThat(kill.whatHappens())
                .startsWith("This drill disturbs demo once. Docker kills the container of the primary (pg-0 now).")
                .contains("Applications using this cluster see the outage");

        choose(DrillScenario.ETCD_QUORUM_LOSS, 3);
        assertThat(viewModel.confirmation().whatHappens())
                .contains(
                        "3 times, one run after the other",
                        "Docker stops the etcd members etcd-1 and etcd-2 for 25 s: etcd loses its quorum");

        choose(DrillScenario.PARTITION_PRIMARY, 1);
        assertThat(viewModel.confirmation().whatHappens())
                .contains("The primary (pg-0 now) is cut off the stack network for 25 s.");
    }

    @Test
    void everyRunIsShownAndTheFiguresAreOverAllRuns() {
        choose(DrillScenario.KILL_PRIMARY, 3);
        drills.answer(SampleDrills.result(DrillScenario.KILL_PRIMARY, 1_000));
        drills.answer(SampleDrills.result(DrillScenario.KILL_PRIMARY, 3_000));
        drills.answer(SampleDrills.result(DrillScenario.KILL_PRIMARY, 2_000));

        viewModel.run();

        assertThat(drills.requests).hasSize(3).allSatisfy(r -> {
            assertThat(r.scenario()).isEqualTo(DrillScenario.KILL_PRIMARY);
            assertThat(r.members()).containsExactly("pg-0", "pg-1", "pg-2");
            assertThat(r.etcdContainers()).containsExactly("etcd-1", "etcd-2", "etcd-3");
        });
        assertThat(viewModel.stateProperty().get()).isEqualTo(DrillsViewModel.State.SUCCEEDED);
        assertThat(viewModel.results())
                .extracting(DrillRunRow::run, DrillRunRow::writeOutage, DrillRunRow::leaders)
                .containsExactly(
                        tuple(1, "1.0 s", "pg-0 → pg-1"),
                        tuple(2, "3.0 s", "pg-0 → pg-1"),
                        tuple(3, "2.0 s", "pg-0 → pg-1"));
        assertThat(figure(viewModel, "write outage")).isEqualTo("median 2.0 s · max 3.0 s (target ≤ 5.0 s)");
        assertThat(figure(viewModel, "time to new leader")).isEqualTo("median 1.5 s · max 2.3 s");
        assertThat(figure(viewModel, "router flip")).isEqualTo("median 2.0 s · max 3.0 s");
        assertThat(figure(viewModel, "rows missing (RPO)")).isEqualTo("0 of 7200 acknowledged");
        assertThat(figure(viewModel, "split brain")).isEqualTo("never");
        assertThat(figure(viewModel, "time to healed")).isEqualTo("median 14.0 s · max 14.0 s");
        assertThat(viewModel.figures()).extracting(DrillFigure::tone).containsOnly(Tone.OK);
        assertThat(viewModel.gaps()).extracting(GapSeries::name).containsExactly("run 1", "run 2", "run 3");
        assertThat(viewModel.gaps().get(1).points())
                .extracting(GapSeries.Point::gapSeconds)
                .contains(3.0);
        assertThat(viewModel.log()).contains("[kill-primary 2/3] injecting kill-primary on pg-0");
        assertThat(viewModel.messageProperty().get())
                .isEqualTo("kill-primary: 3 runs, write outage median 2.0 s · max 3.0 s, "
                        + "0 acknowledged rows missing");
        assertThat(notifier.last().level()).isEqualTo(Notice.Level.SUCCESS);
        assertThat(viewModel.canRunProperty().get()).isTrue();
    }

    @Test
    void lostRowsAndSplitBrainAreFailuresAndASlowOutageAWarning() {
        drills.answer(SampleDrills.result(DrillScenario.KILL_PRIMARY, 7_500, 3, 2));

        viewModel.run();

        assertThat(figure(viewModel, "rows missing (RPO)")).isEqualTo("3 of 2400 acknowledged");
        assertThat(tone(viewModel, "rows missing (RPO)")).isEqualTo(Tone.FAIL);
        assertThat(figure(viewModel, "split brain")).isEqualTo("in 1 of 1 runs");
        assertThat(tone(viewModel, "split brain")).isEqualTo(Tone.FAIL);
        assertThat(figure(viewModel, "write outage")).isEqualTo("7.5 s (target ≤ 5.0 s)");
        assertThat(tone(viewModel, "write outage")).isEqualTo(Tone.WARN);
        assertThat(viewModel.results().getFirst().tone()).isEqualTo(Tone.FAIL);
        assertThat(viewModel.results().getFirst().splitBrain()).isEqualTo("YES (2)");
        assertThat(notifier.last().level()).isEqualTo(Notice.Level.ERROR);
    }

    @Test
    void whileADrillRunsNoOtherStartsAndThePickersAreLocked() {
        List<Boolean> seen = new ArrayList<>();
        drills.script.add((request, progress, cancelled) -> {
            seen.add(viewModel.activeProperty().get());
            seen.add(viewModel.canRunProperty().get());
            viewModel.run();
            return SampleDrills.result(request.scenario(), 1_500);
        });

        viewModel.run();

        assertThat(seen).containsExactly(true, false);
        assertThat(drills.requests).hasSize(1);
        assertThat(viewModel.activeProperty().get()).isFalse();
    }

    @Test
    void cancelStopsTheDrillAtItsNextWaitAndStartsNoFurtherRun() {
        choose(DrillScenario.FREEZE_PRIMARY, 3);
        List<Boolean> cancelSeen = new ArrayList<>();
        drills.script.add((request, progress, cancelled) -> {
            cancelSeen.add(cancelled.getAsBoolean());
            viewModel.cancel();
            cancelSeen.add(cancelled.getAsBoolean());
            assertThat(viewModel.stateProperty().get()).isEqualTo(DrillsViewModel.State.CANCELLING);
            throw PghaException.refused("the drill was cancelled");
        });

        viewModel.run();

        assertThat(cancelSeen).containsExactly(false, true);
        assertThat(drills.requests).hasSize(1);
        assertThat(viewModel.stateProperty().get()).isEqualTo(DrillsViewModel.State.CANCELLED);
        assertThat(viewModel.messageProperty().get()).isEqualTo("cancelled after 0 of 3 runs; the fault was healed");
        assertThat(notifier.notices()).isEmpty();
        assertThat(viewModel.canRunProperty().get()).isTrue();
    }

    @Test
    void aFailedRunSaysWhyAndKeepsTheRunsBeforeIt() {
        choose(DrillScenario.STOP_PRIMARY, 2);
        drills.answer(SampleDrills.result(DrillScenario.STOP_PRIMARY, 2_200));
        drills.script.add((request, progress, cancelled) -> {
            throw PghaException.timeout(
                    "drill gave up waiting for a healthy cluster (one leader, every replica streaming) after 120 s");
        });

        viewModel.run();

        assertThat(viewModel.stateProperty().get()).isEqualTo(DrillsViewModel.State.FAILED);
        assertThat(viewModel.messageProperty().get())
                .isEqualTo("run 2 failed: drill gave up waiting for a healthy cluster "
                        + "(one leader, every replica streaming) after 120 s");
        assertThat(viewModel.results()).hasSize(1);
        assertThat(viewModel.log()).last().asString().startsWith("[stop-primary 2/2] stopped: drill gave up");
        assertThat(notifier.last())
                .isEqualTo(
                        Notice.error(
                                "Drill stop-primary failed",
                                "drill gave up waiting for a healthy cluster (one leader, every replica streaming) after 120 s"));
    }

    @Test
    void closingTheWorkspaceCancelsARunningDrill() {
        List<Boolean> cancelSeen = new ArrayList<>();
        drills.script.add((request, progress, cancelled) -> {
            viewModel.close();
            cancelSeen.add(cancelled.getAsBoolean());
            throw PghaException.refused("the drill was cancelled");
        });

        viewModel.run();

        assertThat(cancelSeen).containsExactly(true);
        assertThat(viewModel.results()).isEmpty();
    }

    @Test
    void theChartIsThinnedButKeepsEveryOutage() {
        List<WriteGap> gaps = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            gaps.add(new WriteGap(Duration.ofMillis(i * 100L), Duration.ofMillis(i == 537 ? 2_345 : 20)));
        }

        List<GapSeries.Point> points = DrillsViewModel.points(gaps, 100);

        assertThat(points).hasSize(100);
        assertThat(points).extracting(GapSeries.Point::gapSeconds).contains(2.345);
        assertThat(points)
                .filteredOn(p -> p.gapSeconds() > 1)
                .extracting(GapSeries.Point::seconds)
                .containsExactly(53.7);
    }
}
