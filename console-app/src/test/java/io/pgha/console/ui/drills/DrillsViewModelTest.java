package io.pgha.console.ui.drills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pgha.console.service.BackupsState;
import io.pgha.console.service.DrillRequest;
import io.pgha.console.service.FaultDrills;
import io.pgha.console.service.RestoreDrillRequest;
import io.pgha.console.testing.Inline;
import io.pgha.console.testing.RecordingNotifier;
import io.pgha.console.testing.SampleCluster;
import io.pgha.console.testing.SampleDrills;
import io.pgha.console.testing.ScriptedBackups;
import io.pgha.console.ui.common.Formats;
import io.pgha.console.ui.common.Notice;
import io.pgha.console.ui.common.Tone;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.drill.DrillResult;
import io.pgha.runtime.drill.DrillScenario;
import io.pgha.runtime.drill.DrillSettings;
import io.pgha.runtime.drill.HostDrillResult;
import io.pgha.runtime.drill.HostDrillScenario;
import io.pgha.runtime.drill.WriteGap;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.ContainerInfo;
import io.pgha.runtime.model.HostInfo;
import io.pgha.runtime.model.Source;
import io.pgha.runtime.model.SourceStatus;
import io.pgha.runtime.testsupport.SnapshotBuilder;
import io.pgha.runtime.usecase.DisasterDrill;
import io.pgha.runtime.usecase.PitrDrill;
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

        final List<String> others = new ArrayList<>();
        final Deque<java.util.function.Supplier<Object>> otherScript = new ArrayDeque<>();

        @Override
        public PitrDrill.Result pitr(
                RestoreDrillRequest request, Consumer<String> progress, BooleanSupplier cancelled) {
            others.add("pitr " + request.members());
            progress.accept("Restore into demo-pitr (started)");
            return (PitrDrill.Result) otherScript.removeFirst().get();
        }

        @Override
        public DisasterDrill.Result disaster(
                RestoreDrillRequest request, Consumer<String> progress, BooleanSupplier cancelled) {
            others.add("disaster " + request.members());
            return (DisasterDrill.Result) otherScript.removeFirst().get();
        }

        @Override
        public HostDrillResult host(
                HostDrillScenario scenario,
                DrillSettings settings,
                Consumer<String> progress,
                BooleanSupplier cancelled) {
            others.add(scenario.cliName());
            progress.accept("stopping host th-1");
            return (HostDrillResult) otherScript.removeFirst().get();
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
    void everyDrillOfPghaDrillIsListed() {
        List<String> expected = new ArrayList<>(Arrays.stream(DrillScenario.values())
                .map(DrillScenario::cliName)
                .toList());
        expected.addAll(List.of("pitr", "disaster", "host-down", "host-partition"));
        assertThat(viewModel.scenarios()).extracting(DrillChoice::id).containsExactlyElementsOf(expected);
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

        choose(DrillScenario.DISK_WRITES_REFUSED, 1);
        assertThat(viewModel.confirmation().whatHappens())
                .contains("A stand-in for a full disk: the kernel refuses the primary's writes")
                .contains("The primary is pg-0 now.");
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

        List<GapSeries.Point> points = NodeDrillReportViewModel.points(gaps, 100);

        assertThat(points).hasSize(100);
        assertThat(points).extracting(GapSeries.Point::gapSeconds).contains(2.345);
        assertThat(points)
                .filteredOn(p -> p.gapSeconds() > 1)
                .extracting(GapSeries.Point::seconds)
                .containsExactly(53.7);
    }

    private final ScriptedBackups backups = new ScriptedBackups();

    /** demo's drills with its backups read (the tab shown once). */
    private DrillsViewModel withBackups(ClusterSnapshot snapshot) {
        DrillsViewModel vm = new DrillsViewModel(
                drills, backups, SampleCluster.connection("demo"), Inline.executors(), notifier, snapshot);
        vm.shown(true);
        return vm;
    }

    private static void choose(DrillsViewModel vm, String id) {
        vm.scenarioProperty()
                .set(vm.scenarios().stream()
                        .filter(c -> c.id().equals(id))
                        .findFirst()
                        .orElseThrow());
    }

    private static List<String> offered(DrillsViewModel vm) {
        return vm.scenarios().stream()
                .map(DrillChoice::id)
                .filter(id -> !vm.unavailableProperty().get().containsKey(id))
                .toList();
    }

    private static HostInfo host(String name, String... members) {
        return new HostInfo(
                name,
                "192.168.231.1" + name.charAt(name.length() - 1),
                "ready",
                "active",
                "manager reachable",
                "26.1.5",
                java.util.OptionalInt.of(2),
                java.util.OptionalLong.of(8L << 30),
                Arrays.stream(members)
                        .map(m -> new HostInfo.Placed(m, "running"))
                        .toList());
    }

    /** The sample cluster as pgha up --swarm places it: a Swarm source, three hosts, no container on this engine. */
    private static ClusterSnapshot onSwarm() {
        ClusterSnapshot healthy = SampleCluster.healthy();
        return SnapshotBuilder.from(healthy)
                .containers(List.of())
                .source(new SourceStatus(Source.SWARM, true, Optional.empty(), healthy.takenAt()))
                .hosts(List.of(host("th-1", "pg-0", "etcd-1"), host("th-2", "pg-1", "etcd-2"), host("th-3", "pg-2")))
                .build();
    }

    @Test
    void aLocalStackWithBackupsOffersTheNodeAndBackupDrillsButNoHostDrill() {
        DrillsViewModel vm = withBackups(SampleCluster.healthy());

        assertThat(offered(vm))
                .contains("kill-primary", "switchover", "pitr", "disaster")
                .doesNotContain("host-down", "host-partition");
        assertThat(vm.unavailableProperty().get().get("host-down"))
                .startsWith("host-down and host-partition need a cluster placed across hosts (pgha up --swarm)");
        choose(vm, "pitr");
        assertThat(vm.canRunProperty().get()).isTrue();
        assertThat(vm.runsOnceProperty().get()).isTrue();
        assertThat(vm.availabilityProperty().get())
                .startsWith("Runs against demo on the local Docker engine")
                .endsWith("It restores from the backups (the last one 20261205-080000F_20261205-090000I).");
        choose(vm, "host-partition");
        assertThat(vm.canRunProperty().get()).isFalse();
        assertThat(vm.availabilityProperty().get()).contains("runs on one Docker engine");
    }

    @Test
    void withoutBackupsPitrAndDisasterSayWhyTheyCannotRun() {
        backups.state(new BackupsState.Off(BackupsState.Why.DISABLED));
        DrillsViewModel vm = withBackups(SampleCluster.healthy());

        assertThat(offered(vm)).contains("kill-primary").doesNotContain("pitr", "disaster");
        choose(vm, "disaster");
        assertThat(vm.canRunProperty().get()).isFalse();
        assertThat(vm.availabilityProperty().get())
                .isEqualTo("pitr and disaster restore from the cluster's backups, and demo was made with backups off"
                        + " (backups.enabled: false in its spec). Make it again with backups.enabled: true to drill"
                        + " its recovery.");
        vm.run();
        assertThat(drills.others).isEmpty();
    }

    @Test
    void beforeTheBackupsAreReadOrWhenTheReadFailsTheBackupDrillsWait() {
        DrillsViewModel vm = new DrillsViewModel(
                drills,
                backups,
                SampleCluster.connection("demo"),
                Inline.executors(),
                notifier,
                SampleCluster.healthy());
        choose(vm, "pitr");
        assertThat(vm.availabilityProperty().get()).isEqualTo("Reading the backups of demo …");
        assertThat(vm.canRunProperty().get()).isFalse();

        ScriptedBackups broken = new ScriptedBackups() {
            @Override
            public BackupsState read() {
                throw PghaException.unavailable("Docker is not reachable");
            }
        };
        DrillsViewModel failing = new DrillsViewModel(
                drills,
                broken,
                SampleCluster.connection("demo"),
                Inline.executors(),
                notifier,
                SampleCluster.healthy());
        failing.shown(true);
        choose(failing, "disaster");
        assertThat(failing.availabilityProperty().get())
                .startsWith("Could not read the backups of demo: Docker is not reachable.");
        assertThat(failing.canRunProperty().get()).isFalse();
    }

    @Test
    void onASwarmOnlyTheHostDrillsAreOfferedAndHostDownIsProposed() {
        DrillsViewModel vm = withBackups(onSwarm());

        assertThat(offered(vm)).containsExactly("host-down", "host-partition");
        assertThat(vm.scenarioProperty().get().id()).isEqualTo("host-down");
        assertThat(vm.canRunProperty().get()).isTrue();
        assertThat(vm.canChaosProperty().get()).as("chaos runs node faults").isFalse();
        assertThat(vm.availabilityProperty().get())
                .startsWith("Runs against demo across the Swarm's hosts: th-1 (ready), th-2 (ready), th-3 (ready).");
        assertThat(vm.unavailableProperty().get().get("kill-primary"))
                .startsWith("demo is placed on a Swarm")
                .endsWith("Drill a whole host instead: host-down or host-partition.");
        assertThat(vm.unavailableProperty().get().get("pitr")).startsWith("demo is placed on a Swarm");
        assertThat(vm.confirmation().whatHappens())
                .contains("The host of the primary (pg-0 now) is stopped: every container on it is gone at once");
    }

    @Test
    void aHostDrillReportsEachRunAndTheFiguresOverAll() {
        DrillsViewModel vm = withBackups(onSwarm());
        choose(vm, "host-partition");
        vm.runsProperty().set(2);
        drills.otherScript.add(() -> SampleDrills.host(HostDrillScenario.HOST_PARTITION, 20_000));
        drills.otherScript.add(() -> SampleDrills.host(HostDrillScenario.HOST_PARTITION, 24_000));

        vm.run();

        assertThat(drills.others).containsExactly("host-partition", "host-partition");
        assertThat(vm.stateProperty().get()).isEqualTo(DrillsViewModel.State.SUCCEEDED);
        assertThat(vm.columns()).startsWith("Host (leader) → leader", "Write outage");
        assertThat(vm.chartShownProperty().get()).isFalse();
        assertThat(vm.results())
                .extracting(DrillRunRow::leaders, DrillRunRow::writeOutage, DrillRunRow::routerFlip, DrillRunRow::notes)
                .containsExactly(
                        tuple("th-1 (pg-0) → pg-1 on th-2", "20.0 s", "10.0 s", "passed"),
                        tuple("th-1 (pg-0) → pg-1 on th-2", "24.0 s", "12.0 s", "passed"));
        assertThat(figure(vm, "write outage")).isEqualTo("median 20.0 s · max 24.0 s");
        assertThat(figure(vm, "isolated primary refused writes")).isEqualTo("median 10.0 s · max 12.0 s");
        assertThat(figure(vm, "rows missing (RPO)")).isEqualTo("0 of 1800 acknowledged");
        assertThat(figure(vm, "split brain")).isEqualTo("never");
        assertThat(figure(vm, "verdict")).isEqualTo("2 of 2 passed");
        assertThat(vm.log()).contains("[host-partition 2/2] stopping host th-1");
        assertThat(vm.messageProperty().get())
                .isEqualTo("host-partition: 2 runs, write outage median 20.0 s · max 24.0 s, 0 acknowledged rows"
                        + " missing — passed");
        assertThat(notifier.last().level()).isEqualTo(Notice.Level.SUCCESS);
    }

    @Test
    void thePitrDrillRunsOnceAndReportsItsFigures() {
        DrillsViewModel vm = withBackups(SampleCluster.healthy());
        choose(vm, "pitr");
        vm.runsProperty().set(5);
        drills.otherScript.add(() -> SampleDrills.pitr(0));
        assertThat(vm.confirmation().typedName()).isEmpty();
        assertThat(vm.confirmation().whatHappens()).startsWith("This drill runs once.");

        vm.run();

        assertThat(drills.others).containsExactly("pitr [pg-0, pg-1, pg-2]");
        assertThat(vm.stateProperty().get()).isEqualTo(DrillsViewModel.State.SUCCEEDED);
        assertThat(vm.columns()).contains("Missing before T", "Present after T");
        assertThat(vm.results()).singleElement().satisfies(r -> {
            assertThat(r.leaders()).isEqualTo("demo → demo-pitr (removed)");
            assertThat(r.missing()).isEqualTo("0 of 1250");
            assertThat(r.notes()).isEqualTo("passed");
            assertThat(r.tone()).isEqualTo(Tone.OK);
        });
        assertThat(figure(vm, "rows acknowledged before T")).isEqualTo("1250");
        assertThat(figure(vm, "missing before T")).isEqualTo("0 (must be 0)");
        assertThat(figure(vm, "present after T")).isEqualTo("0 (must be 0)");
        assertThat(figure(vm, "restore time")).isEqualTo(Formats.duration(Duration.ofSeconds(95)));
        assertThat(vm.log()).contains("[pitr 1/1] Restore into demo-pitr (started)", "[pitr 1/1] done: passed");
        assertThat(vm.messageProperty().get())
                .startsWith("pitr: restored to T into demo-pitr in ")
                .endsWith("passed");
        assertThat(notifier.last().level()).isEqualTo(Notice.Level.SUCCESS);
    }

    @Test
    void aPitrThatMissesRowsIsAFailure() {
        DrillsViewModel vm = withBackups(SampleCluster.healthy());
        choose(vm, "pitr");
        drills.otherScript.add(() -> SampleDrills.pitr(3));

        vm.run();

        assertThat(tone(vm, "missing before T")).isEqualTo(Tone.FAIL);
        assertThat(vm.results().getFirst().tone()).isEqualTo(Tone.FAIL);
        assertThat(vm.messageProperty().get())
                .contains("3 of 1250 rows acknowledged before T missing")
                .endsWith("FAILED");
        assertThat(notifier.last())
                .isEqualTo(
                        Notice.error("Drill pitr failed", vm.messageProperty().get()));
    }

    @Test
    void aFailingBackupDrillSaysWhy() {
        DrillsViewModel vm = withBackups(SampleCluster.healthy());
        choose(vm, "pitr");
        drills.otherScript.add(() -> {
            throw PghaException.invalidInput("the target time is before the first backup; the recoverable window is"
                    + " 2026-12-05T08:00:31Z … 2026-12-05T09:00:00Z");
        });

        vm.run();

        assertThat(vm.stateProperty().get()).isEqualTo(DrillsViewModel.State.FAILED);
        assertThat(vm.messageProperty().get())
                .isEqualTo("run 1 failed: the target time is before the first backup; the recoverable window is"
                        + " 2026-12-05T08:00:31Z … 2026-12-05T09:00:00Z");
        assertThat(vm.results()).isEmpty();
        assertThat(vm.log()).last().asString().startsWith("[pitr 1/1] stopped: the target time is before");
        assertThat(notifier.last().level()).isEqualTo(Notice.Level.ERROR);
        assertThat(vm.canRunProperty().get()).isTrue();
    }

    @Test
    void cancellingABackupDrillSaysARestoreUnderWayRunsToItsEnd() {
        DrillsViewModel vm = withBackups(SampleCluster.healthy());
        choose(vm, "pitr");
        List<String> seen = new ArrayList<>();
        drills.otherScript.add(() -> {
            vm.cancel();
            seen.add(vm.messageProperty().get());
            throw PghaException.refused("the pitr drill was cancelled");
        });

        vm.run();

        assertThat(seen)
                .containsExactly("cancelling: the drill stops at its next wait; a restore under way runs to its end …");
        assertThat(vm.stateProperty().get()).isEqualTo(DrillsViewModel.State.CANCELLED);
        assertThat(notifier.notices()).isEmpty();
    }

    @Test
    void theDisasterDrillRunsOnlyWithTheClusterNameTyped() {
        DrillsViewModel vm = withBackups(SampleCluster.healthy());
        choose(vm, "disaster");
        DrillConfirmation c = vm.confirmation();
        assertThat(c.typedName()).contains("demo");
        assertThat(c.whatHappens()).startsWith("This drill DELETES THE DATA of demo.");
        assertThat(vm.confirmedProperty().get()).isFalse();

        vm.run();
        assertThat(drills.others).as("nothing typed").isEmpty();

        vm.typedProperty().set("dem");
        assertThat(vm.confirmedProperty().get()).isFalse();
        vm.typedProperty().set("demo-pitr");
        vm.run();
        assertThat(drills.others).as("another name typed").isEmpty();
        assertThat(vm.messageProperty().get())
                .isEqualTo("not confirmed: type demo to run disaster; nothing was changed");
        assertThat(vm.stateProperty().get()).isEqualTo(DrillsViewModel.State.IDLE);

        vm.typedProperty().set(" demo ");
        assertThat(vm.confirmedProperty().get()).isTrue();
        drills.otherScript.add(() -> SampleDrills.disaster(0));
        vm.run();

        assertThat(drills.others).containsExactly("disaster [pg-0, pg-1, pg-2]");
        assertThat(vm.typedProperty().get()).as("the next disaster asks again").isEmpty();
        assertThat(vm.results()).singleElement().satisfies(r -> {
            assertThat(r.missing()).isEqualTo("14 of 2000");
            assertThat(r.tone()).as("lost within the archive's lag").isEqualTo(Tone.WARN);
        });
        assertThat(figure(vm, "rows lost (RPO)")).isEqualTo("14 of 2000 (the archive's lag)");
        assertThat(figure(vm, "loss window")).isEqualTo("1.3 s");
        assertThat(figure(vm, "lost out of order")).isEqualTo("0 (must be 0)");
        assertThat(figure(vm, "time to writable")).isEqualTo(Formats.duration(Duration.ofSeconds(130)));
        assertThat(vm.messageProperty().get()).endsWith("0 out of order — passed");
    }
}
