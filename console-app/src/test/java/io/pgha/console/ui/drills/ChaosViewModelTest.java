package io.pgha.console.ui.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.service.ChaosRequest;
import io.pgha.console.testing.Inline;
import io.pgha.console.testing.RecordingNotifier;
import io.pgha.console.testing.SampleCluster;
import io.pgha.console.testing.ScriptedDrills;
import io.pgha.console.ui.common.Notice;
import io.pgha.console.ui.common.Tone;
import io.pgha.runtime.chaos.ChaosPlan;
import io.pgha.runtime.drill.DrillScenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChaosViewModelTest {

    private static final List<DrillScenario> TWO = List.of(DrillScenario.KILL_PRIMARY, DrillScenario.SWITCHOVER);

    private final ScriptedDrills drills = new ScriptedDrills();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final List<Boolean> running = new ArrayList<>();
    private final ChaosViewModel vm = new ChaosViewModel(
            drills,
            Inline.executors(),
            notifier,
            "demo",
            7,
            (seed, length, kinds) -> new ChaosRequest(
                    List.of("pg-0"),
                    List.of("etcd-1"),
                    java.util.Map.of(),
                    seed,
                    length,
                    ChaosPlan.faults(String.join(",", kinds))),
            running::add);

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("the default", "6m", "7", TWO, ""),
                Arguments.of("seconds", "90s", "7", TWO, ""),
                Arguments.of("hours", "2h", "-3", TWO, ""),
                Arguments.of("the shortest", "30s", "7", TWO, ""),
                Arguments.of("too short", "29s", "7", TWO, "The duration is 30s to 2h"),
                Arguments.of("too long", "121m", "7", TWO, "The duration is 30s to 2h"),
                Arguments.of("no unit", "120", "7", TWO, "Write the duration as 90s, 4m or 1h"),
                Arguments.of("ISO", "PT2M", "7", TWO, "Write the duration as 90s, 4m or 1h"),
                Arguments.of("a word for a seed", "2m", "seven", TWO, "The seed is a whole number"),
                Arguments.of("no fault", "2m", "7", List.of(), "Choose at least one fault"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theFormsRules(String name, String duration, String seed, List<DrillScenario> kinds, String problem) {
        Optional<String> found = ChaosViewModel.problem(duration, seed, kinds);

        if (problem.isEmpty()) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).get().asString().startsWith(problem);
        }
    }

    @Test
    void theDefaultDrawsEveryFaultOnceAndThePlanIsTheSeedsOwn() {
        assertThat(vm.kinds()).hasSize(DrillScenario.values().length);
        assertThat(vm.canStartProperty().get()).isTrue();
        assertThat(vm.problemProperty().get()).isEmpty();
        ChaosPlan plan = ChaosPlan.of(7, Duration.ofMinutes(6), List.of(DrillScenario.values()));
        assertThat(plan.drawsEveryKind()).isTrue();
        assertThat(vm.planProperty().get())
                .isEqualTo(plan.steps().size() + " faults over 360 s, one at a time, every chosen kind at least once");

        vm.durationProperty().set("1m");
        assertThat(vm.planProperty().get())
                .endsWith("too short to draw each of the " + DrillScenario.values().length + " chosen kinds once");
        vm.kinds().forEach(k -> k.selectedProperty().set(false));
        assertThat(vm.canStartProperty().get()).isFalse();
        assertThat(vm.problemProperty().get()).isEqualTo("Choose at least one fault");
        assertThat(vm.problemIsErrorProperty().get()).isTrue();
        assertThat(vm.warning()).contains("kills, stops, freezes and cuts off", "demo");
    }

    @Test
    void runsTheChosenPlanWithItsProgressAndShowsTheReport() {
        vm.durationProperty().set("2m");
        vm.kinds().stream()
                .filter(k -> !k.id().equals("kill-primary") && !k.id().equals("switchover"))
                .forEach(k -> k.selectedProperty().set(false));

        vm.start();

        assertThat(drills.chaosRequests()).singleElement().satisfies(r -> {
            assertThat(r.seed()).isEqualTo(7);
            assertThat(r.duration()).isEqualTo(Duration.ofMinutes(2));
            assertThat(r.kinds()).containsExactly(DrillScenario.KILL_PRIMARY, DrillScenario.SWITCHOVER);
            assertThat(r.members()).containsExactly("pg-0");
        });
        assertThat(vm.log()).first().isEqualTo("waiting for a healthy cluster");
        assertThat(vm.verdictProperty().get())
                .isEqualTo(
                        "PASSED: 0 lost, 0 duplicated, 0 bank violations, 0 split-brain moments, healthy at the end");
        assertThat(vm.verdictToneProperty().get()).isEqualTo(Tone.OK);
        assertThat(vm.report())
                .contains("acknowledged writes lost: 0 of 1200", "split-brain moments: 0", "healthy at the end: yes")
                .anyMatch(l -> l.startsWith("kill-primary ×"))
                .anyMatch(l -> l.startsWith("switchover ×"));
        assertThat(notifier.last().level()).isEqualTo(Notice.Level.SUCCESS);
        assertThat(running).containsExactly(true, false);
        assertThat(vm.canStartProperty().get()).as("once per dialog").isFalse();
    }

    @Test
    void lostWritesFailTheRun() {
        drills.loseWrites(3);
        vm.durationProperty().set("1m");

        vm.start();

        assertThat(vm.verdictProperty().get()).startsWith("FAILED: 3 lost");
        assertThat(vm.verdictToneProperty().get()).isEqualTo(Tone.FAIL);
        assertThat(notifier.last().level()).isEqualTo(Notice.Level.ERROR);
    }

    @Test
    void drillsWaitWhileAChaosRunRuns() {
        DrillsViewModel drillsVm = new DrillsViewModel(
                drills, SampleCluster.connection("demo"), Inline.executors(), notifier, SampleCluster.healthy());
        ChaosViewModel chaos = drillsVm.chaos().orElseThrow();
        drills.holdRuns();
        Thread release = Thread.ofVirtual().unstarted(() -> {
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(drillsVm.chaosRunningProperty()::get);
            assertThat(drillsVm.canRunProperty().get()).isFalse();
            assertThat(drillsVm.chaos()).isEmpty();
            drills.release();
        });
        release.start();

        chaos.start();

        assertThat(drillsVm.chaosRunningProperty().get()).isFalse();
        assertThat(drillsVm.canRunProperty().get()).isTrue();
        assertThat(drills.chaosRequests().getFirst().etcdContainers()).containsExactly("etcd-1", "etcd-2", "etcd-3");
    }
}
