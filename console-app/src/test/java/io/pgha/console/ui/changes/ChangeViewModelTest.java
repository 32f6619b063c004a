package io.pgha.console.ui.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.service.ClusterChanges;
import io.pgha.console.testing.Inline;
import io.pgha.console.testing.RecordingNotifier;
import io.pgha.console.testing.ScriptedChanges;
import io.pgha.console.ui.actions.ActionsViewModel;
import io.pgha.console.ui.common.Notice;
import io.pgha.console.ui.common.PlannedWork;
import io.pgha.console.ui.common.UiExecutors;
import io.pgha.runtime.apply.RunningStack;
import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.PatroniTuning;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.stack.SynchronousMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The day-two changes' view model over a fake port whose plans come from the runtime's real planner: what each change
 * plans or why it is refused, the typed confirmation when a volume goes, the progress and a failure's remaining steps.
 */
class ChangeViewModelTest {

    private final RecordingNotifier notifier = new RecordingNotifier();
    private final UiExecutors executors = Inline.executors();
    private final List<String> work = new ArrayList<>();

    private ActionsViewModel actions(ScriptedChanges stack) {
        ActionsViewModel actions = new ActionsViewModel(
                a -> {
                    throw new AssertionError("no cluster action expected");
                },
                executors,
                notifier,
                stack.snapshot());
        actions.plannedWorkProperty()
                .addListener(
                        (o, a, b) -> work.add(b.map(PlannedWork::description).orElse("(none)")));
        return actions;
    }

    private ChangeViewModel open(ScriptedChanges stack, ActionsViewModel actions, ChangeKind kind, String selected) {
        return new ChangesViewModel(stack, executors, notifier, actions, stack::snapshot, "demo")
                .open(kind, Optional.ofNullable(selected));
    }

    private ChangeViewModel planned(ScriptedChanges stack, ChangeKind kind, String selected, String image) {
        ChangeViewModel vm = open(stack, actions(stack), kind, selected);
        vm.imageProperty().set(image);
        vm.plan();
        return vm;
    }

    static Stream<Arguments> plans() {
        return Stream.of(
                row(
                        "add a replica to 3 nodes: pg-3 cloned from a replica",
                        ScriptedChanges.healthy("demo", 3),
                        ChangeKind.ADD_REPLICA,
                        null,
                        "",
                        List.of("1. add pg-3: new replica of image pgha/spilo-17:local cloned from pg-1 (a replica"),
                        ""),
                row(
                        "add a replica to 7 nodes: refused, 7 at most",
                        ScriptedChanges.healthy("demo", 7),
                        ChangeKind.ADD_REPLICA,
                        null,
                        "",
                        List.of(),
                        "Refused: a stack has at most 7 PostgreSQL nodes, not 8"),
                row(
                        "remove a node of 3: the highest, volume kept",
                        ScriptedChanges.healthy("demo", 3),
                        ChangeKind.REMOVE_NODE,
                        "pg-2",
                        "",
                        List.of("1. remove pg-2: leaves the synchronous quorum", "volume pg-2-data kept"),
                        ""),
                row(
                        "remove the only node: refused below 1 node",
                        ScriptedChanges.healthy("demo", 1),
                        ChangeKind.REMOVE_NODE,
                        null,
                        "",
                        List.of(),
                        "Refused: a stack keeps at least 1 PostgreSQL node: 0 would remove every member"),
                row(
                        "remove the only synchronous replica in synchronous mode on: refused",
                        ScriptedChanges.of(RunningStack.healthy(synchronousOn(2))),
                        ChangeKind.REMOVE_NODE,
                        null,
                        "",
                        List.of(),
                        "Refused: removing pg-1, a synchronous standby, leaves 0 replicas but synchronous_mode true waits"
                                + " for 1 synchronous standby"),
                row(
                        "remove started from a member that is not the highest: refused here, nothing planned",
                        ScriptedChanges.healthy("demo", 3),
                        ChangeKind.REMOVE_NODE,
                        "pg-0",
                        "",
                        List.of(),
                        "Members are removed from the highest number down: Remove node takes pg-2 away, not pg-0."
                                + " To renew pg-0 keep it and use Replace node…"),
                row(
                        "upgrade without an image: asks for one, nothing planned",
                        ScriptedChanges.healthy("demo", 3),
                        ChangeKind.UPGRADE,
                        null,
                        " ",
                        List.of(),
                        "Name the image to run, e.g. pgha/spilo-17:next"),
                row(
                        "upgrade to an image not on the engine: refused, how to get it",
                        ScriptedChanges.healthy("demo", 3),
                        ChangeKind.UPGRADE,
                        null,
                        "pgha/spilo-17:missing",
                        List.of(),
                        "Refused: image pgha/spilo-17:missing is not on this machine's Docker engine"),
                row(
                        "upgrade to the image every member runs: refused as a no-op",
                        ScriptedChanges.healthy("demo", 3),
                        ChangeKind.UPGRADE,
                        null,
                        ScriptedChanges.IMAGE,
                        List.of(),
                        "Refused: every PostgreSQL container of stack demo (pg-0, pg-1, pg-2) already runs"),
                row(
                        "upgrade 3 nodes: replicas, one switchover, the old primary",
                        ScriptedChanges.healthy("demo", 3),
                        ChangeKind.UPGRADE,
                        null,
                        "pgha/spilo-17:next",
                        List.of(
                                "1. replace container of replica pg-1: new container of image pgha/spilo-17:next",
                                "2. replace container of replica pg-2:",
                                "3. switchover pg-0 → pg-1: switchover pg-0 → pg-1 (≈1 s of writes)",
                                "4. replace container of old primary pg-0:"),
                        ""),
                row(
                        "replace the primary: a switchover first, cloned from a replica, old data kept",
                        ScriptedChanges.healthy("demo", 3),
                        ChangeKind.REPLACE_NODE,
                        "pg-0",
                        "",
                        List.of(
                                "1. switchover pg-0 → pg-1: switchover pg-0 → pg-1 (≈1 s of writes)",
                                "2. replace pg-0 (new container and volume):",
                                "the old data kept"),
                        ""),
                row(
                        "replace the only member: refused, nothing to clone from",
                        ScriptedChanges.healthy("demo", 1),
                        ChangeKind.REPLACE_NODE,
                        null,
                        "",
                        List.of(),
                        "Refused: pg-0 is the only member of stack demo"));
    }

    private static Arguments row(
            String name,
            ScriptedChanges stack,
            ChangeKind kind,
            String selected,
            String image,
            List<String> steps,
            String problem) {
        return Arguments.of(name, stack, kind, selected, image, steps, problem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void plansOrRefusesWithTheReason(
            String name,
            ScriptedChanges stack,
            ChangeKind kind,
            String selected,
            String image,
            List<String> steps,
            String problem) {
        ChangeViewModel vm = planned(stack, kind, selected, image);

        String shown =
                String.join("\n", vm.steps().stream().map(ChangeStep::line).toList());
        steps.forEach(s -> assertThat(shown).contains(s));
        if (steps.isEmpty()) {
            assertThat(vm.steps()).isEmpty();
        } else {
            assertThat(vm.steps()).hasSize((int)
                    steps.stream().filter(s -> s.matches("^\\d\\. .*")).count());
        }
        if (problem.isEmpty()) {
            assertThat(vm.problemProperty().get()).isEmpty();
        } else {
            assertThat(vm.problemProperty().get()).startsWith(problem);
        }
        assertThat(vm.canConfirmProperty().get())
                .as("only a plan that may run can be confirmed; no volume is deleted by default, so no typing")
                .isEqualTo(problem.isEmpty());
        assertThat(stack.runs()).as("nothing runs before the confirmation").isEmpty();
    }

    @Test
    void aChangeRefusedHereOrWithoutAnImageAsksTheEngineNothing() {
        ScriptedChanges stack = ScriptedChanges.healthy("demo", 3);
        planned(stack, ChangeKind.REMOVE_NODE, "pg-1", "");
        planned(stack, ChangeKind.UPGRADE, null, "");
        assertThat(stack.planned()).isEmpty();
    }

    @Test
    void deletingARemovedMembersVolumeNeedsItsNameTyped() {
        ScriptedChanges stack = ScriptedChanges.healthy("demo", 3);
        ChangeViewModel vm = planned(stack, ChangeKind.REMOVE_NODE, null, "");
        assertThat(vm.canConfirmProperty().get()).isTrue();
        assertThat(vm.warningProperty().get()).isEmpty();

        vm.deleteVolumeProperty().set(true);
        assertThat(vm.warningProperty().get())
                .isEqualTo("The data of pg-2 is DELETED for good with its volume pg-2-data. Type pg-2 to confirm.");
        assertThat(vm.canConfirmProperty().get()).isFalse();
        vm.typedProperty().set("pg-1");
        assertThat(vm.canConfirmProperty().get()).isFalse();
        vm.typedProperty().set(" pg-2 ");
        assertThat(vm.canConfirmProperty().get()).isTrue();

        vm.run();
        assertThat(stack.runs()).containsExactly("REMOVE_NODE pg-2 --delete-volumes");
        assertThat(vm.outcomeProperty().get())
                .startsWith("Remove node: done in ")
                .endsWith("pg-2 left the cluster, its data deleted");
    }

    @Test
    void replacingWithoutKeepingTheOldDataPlansAgainAndNeedsTheNameTyped() {
        ScriptedChanges stack = ScriptedChanges.healthy("demo", 3);
        ChangeViewModel vm = planned(stack, ChangeKind.REPLACE_NODE, null, "");
        assertThat(vm.nodeProperty().get())
                .as("the highest replica is proposed")
                .isEqualTo("pg-2");
        assertThat(stack.planned()).containsExactly("replace pg-2 --keep-volume");

        vm.keepVolumeProperty().set(false);
        assertThat(stack.planned()).containsExactly("replace pg-2 --keep-volume", "replace pg-2");
        assertThat(vm.steps().get(0).line()).contains("the old data deleted once the new one streams");
        assertThat(vm.warningProperty().get()).startsWith("The data of pg-2 is DELETED for good once the new member");
        assertThat(vm.canConfirmProperty().get()).isFalse();
        vm.typedProperty().set("pg-2");
        assertThat(vm.canConfirmProperty().get()).isTrue();

        vm.nodeProperty().set("pg-1");
        assertThat(vm.canConfirmProperty().get())
                .as("the name typed was another member's")
                .isFalse();
    }

    @Test
    void aRunReportsEveryStepAndDrawsTheMemberBeingChanged() {
        ScriptedChanges stack = ScriptedChanges.healthy("demo", 3);
        ActionsViewModel actions = actions(stack);
        ChangeViewModel vm = open(stack, actions, ChangeKind.UPGRADE, null);
        vm.imageProperty().set("pgha/spilo-17:next");
        vm.plan();

        vm.run();

        assertThat(stack.runs())
                .containsExactly(
                        "REPLACE_CONTAINER pg-1, REPLACE_CONTAINER pg-2, SWITCHOVER pg-1, REPLACE_CONTAINER pg-0");
        assertThat(vm.steps()).extracting(ChangeStep::status).containsOnly(ChangeStep.Status.DONE);
        assertThat(vm.steps())
                .extracting(ChangeStep::detail)
                .containsExactly("done in 1.5 s", "done in 3.0 s", "done in 4.5 s", "done in 6.0 s");
        assertThat(work)
                .containsSubsequence(
                        "pg-1 being upgraded",
                        "pg-2 being upgraded",
                        "switching over (pg-0 → pg-1)",
                        "pg-0 being upgraded");
        assertThat(vm.startedProperty().get()).isTrue();
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(actions.busyProperty().get()).isFalse();
        assertThat(actions.resultProperty().get()).startsWith("Upgrade: done in ");
        assertThat(notifier.last().level()).isEqualTo(Notice.Level.SUCCESS);
        assertThat(notifier.last().text()).startsWith("every PostgreSQL container runs pgha/spilo-17:next");
        vm.run();
        assertThat(stack.runs()).as("a plan runs once from its dialog").hasSize(1);
    }

    @Test
    void aFailedStepStopsThePlanAndListsTheStepsNotDone() {
        ScriptedChanges stack = ScriptedChanges.healthy("demo", 3);
        stack.failAt(1, "pg-2 did not stream within 180 s");
        ActionsViewModel actions = actions(stack);
        ChangeViewModel vm = open(stack, actions, ChangeKind.UPGRADE, null);
        vm.imageProperty().set("pgha/spilo-17:next");
        vm.plan();

        vm.run();

        assertThat(vm.steps())
                .extracting(ChangeStep::status)
                .containsExactly(
                        ChangeStep.Status.DONE,
                        ChangeStep.Status.FAILED,
                        ChangeStep.Status.NOT_DONE,
                        ChangeStep.Status.NOT_DONE);
        assertThat(vm.steps().get(1).detail()).isEqualTo("pg-2 did not stream within 180 s");
        assertThat(vm.outcomeProperty().get())
                .isEqualTo("Stopped: step 2 (replace container of replica pg-2) failed: pg-2 did not stream within"
                        + " 180 s. Not done: replace container of replica pg-2, switchover pg-0 → pg-1, replace"
                        + " container of old primary pg-0");
        assertThat(notifier.last().level()).isEqualTo(Notice.Level.ERROR);
        assertThat(notifier.last().text()).contains("Not done: 3. switchover pg-0 → pg-1");
        assertThat(actions.plannedWorkProperty().get())
                .as("a failure is shown as it is, not as planned work")
                .isEmpty();
        assertThat(actions.busyProperty().get()).isFalse();
    }

    @Test
    void noChangeStartsWhileAnotherActionRuns() {
        ScriptedChanges stack = ScriptedChanges.healthy("demo", 3);
        ActionsViewModel actions = actions(stack);
        ChangeViewModel vm = open(stack, actions, ChangeKind.ADD_REPLICA, null);
        vm.plan();
        assertThat(actions.begin("Switchover")).isTrue();

        vm.run();

        assertThat(stack.runs()).isEmpty();
        assertThat(vm.startedProperty().get()).isFalse();
        assertThat(notifier.last().title()).isEqualTo("Busy");
    }

    @Test
    void aClusterPghaDidNotMakeIsNotChanged() {
        ScriptedChanges stack = ScriptedChanges.healthy("demo", 3);
        ChangeViewModel vm = new ChangesViewModel(
                        ClusterChanges.ATTACHED, executors, notifier, actions(stack), stack::snapshot, "demo")
                .open(ChangeKind.ADD_REPLICA, Optional.empty());
        vm.plan();
        assertThat(vm.problemProperty().get())
                .isEqualTo("No plan: nodes are added, removed, upgraded and replaced only in stacks pgha made (pgha"
                        + " up); this cluster was attached");
        assertThat(vm.canConfirmProperty().get()).isFalse();
    }

    private static StackSpec synchronousOn(int nodes) {
        PatroniTuning d = PatroniTuning.DEFAULTS;
        return StackSpec.builder()
                .name("demo")
                .images(ImageProfile.LOCAL)
                .nodes(nodes)
                .patroni(new PatroniTuning(
                        d.ttl(),
                        d.loopWait(),
                        d.retryTimeout(),
                        SynchronousMode.ON,
                        1,
                        d.maximumLagOnFailover(),
                        d.primaryStartTimeout()))
                .build();
    }
}
