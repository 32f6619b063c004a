package io.pgha.console.ui.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.service.ClusterChanges;
import io.pgha.console.testing.Inline;
import io.pgha.console.testing.RecordingNotifier;
import io.pgha.console.testing.ScriptedChanges;
import io.pgha.console.ui.actions.ActionsViewModel;
import io.pgha.console.ui.common.Notice;
import io.pgha.console.ui.common.UiExecutors;
import io.pgha.runtime.apply.ApplyPlanner;
import io.pgha.runtime.apply.RunningStack;
import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.PatroniTuning;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.stack.StackSpecFile;
import io.pgha.runtime.stack.SynchronousMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Settings' Apply spec over a fake port whose plans come from the runtime's real parser and planner: the running spec
 * shown to edit, what an edit changes and the plan as {@code pgha apply --spec FILE} prints it, a refused plan's reason
 * with nothing to confirm, a spec file that is not a spec, a run's progress and a failure's remaining steps, and a
 * cancel that changes nothing.
 */
class ApplySpecViewModelTest {

    private final RecordingNotifier notifier = new RecordingNotifier();
    private final UiExecutors executors = Inline.executors();

    @TempDir
    Path dir;

    /** 3 nodes, pg-0 leading, shared_buffers needing a restart as PostgreSQL says. */
    private static ScriptedChanges stack() {
        StackSpec spec = StackSpec.builder()
                .name("demo")
                .images(ImageProfile.LOCAL)
                .nodes(3)
                .build();
        return ScriptedChanges.of(
                RunningStack.healthy(spec).withParameters(Map.of(), Map.of("shared_buffers", "postmaster")));
    }

    private ActionsViewModel actions(ScriptedChanges stack) {
        return new ActionsViewModel(
                a -> {
                    throw new AssertionError("no cluster action expected");
                },
                executors,
                notifier,
                stack.snapshot());
    }

    /** The dialog as it opens: the running spec read and shown. */
    private ChangeViewModel open(ClusterChanges changes, ActionsViewModel actions, ScriptedChanges stack) {
        ChangeViewModel vm = new ChangesViewModel(changes, executors, notifier, actions, stack::snapshot, "demo")
                .open(ChangeKind.APPLY_SPEC, Optional.empty());
        vm.plan();
        return vm;
    }

    private ChangeViewModel open(ScriptedChanges stack) {
        return open(stack, actions(stack), stack);
    }

    private static String edited(ScriptedChanges stack, UnaryOperator<StackSpec.Builder> change) {
        return StackSpecFile.write(
                change.apply(stack.running().spec().toBuilder()).build());
    }

    private static String lines(ChangeViewModel vm) {
        return String.join("\n", vm.steps().stream().map(ChangeStep::line).toList());
    }

    @Test
    void showsTheRunningSpecThenWhatAnEditChangesAndThePlanAsTheCliPrintsIt() {
        ScriptedChanges stack = stack();
        ChangeViewModel vm = open(stack);
        assertThat(vm.specProperty().get())
                .isEqualTo(StackSpecFile.write(stack.running().spec()));
        assertThat(vm.problemProperty().get())
                .isEqualTo("This is the spec demo runs: edit it or open a spec file, then Show plan");
        assertThat(stack.planned()).as("nothing is planned before an edit").isEmpty();

        String text = edited(stack, b -> b.nodes(4).postgresParameter("shared_buffers", "256MB"));
        vm.specProperty().set(text);
        assertThat(vm.problemProperty().get()).startsWith("Show the plan for this spec (Show plan)");
        vm.plan();

        assertThat(vm.steps())
                .extracting(ChangeStep::line)
                .as("the lines pgha apply --spec FILE prints")
                .containsExactlyElementsOf(ApplyPlanner.plan(
                                stack.running(), StackSpecFile.parse(text).build())
                        .lines());
        assertThat(lines(vm))
                .contains(
                        "1. add pg-3: new replica of image pgha/spilo-17:local cloned from pg-1",
                        "restart replica pg-1",
                        "restart replica pg-2",
                        "switchover pg-0 → pg-1: switchover pg-0 → pg-1 (≈1 s of writes)",
                        "restart old primary pg-0");
        assertThat(vm.specChangesProperty().get())
                .isEqualTo("nodes: 3 -> 4\npostgresql.parameters.shared_buffers: (none) -> 256MB");
        assertThat(vm.problemProperty().get()).isEmpty();
        assertThat(vm.canConfirmProperty().get()).isTrue();
        assertThat(vm.confirmLabel()).isEqualTo("Apply");
        assertThat(stack.runs()).as("nothing runs before the confirmation").isEmpty();

        vm.specProperty().set(edited(stack, b -> b.nodes(5)));
        assertThat(vm.steps()).as("a plan is of the text it was made from").isEmpty();
        assertThat(vm.canConfirmProperty().get()).isFalse();
        assertThat(vm.specChangesProperty().get()).isEmpty();
    }

    @Test
    void theSpecItRunsHasNothingToChange() {
        ScriptedChanges stack = stack();
        ChangeViewModel vm = open(stack);
        vm.plan();
        assertThat(stack.planned()).containsExactly("apply");
        assertThat(vm.problemProperty().get()).isEqualTo("Nothing to change: stack demo already runs this spec");
        assertThat(vm.steps()).isEmpty();
        assertThat(vm.specChangesProperty().get()).isEmpty();
        assertThat(vm.canConfirmProperty().get()).isFalse();
    }

    static Stream<Arguments> refusals() {
        StackSpec three =
                StackSpec.builder().name("demo").images(ImageProfile.LOCAL).build();
        RunningStack healthy = RunningStack.healthy(three);
        RunningStack oneEtcdDown = new RunningStack(three, healthy.members(), 2);
        StackSpec syncOn = three.toBuilder()
                .nodes(2)
                .patroni(new PatroniTuning(
                        PatroniTuning.DEFAULTS.ttl(),
                        PatroniTuning.DEFAULTS.loopWait(),
                        PatroniTuning.DEFAULTS.retryTimeout(),
                        SynchronousMode.ON,
                        1,
                        PatroniTuning.DEFAULTS.maximumLagOnFailover(),
                        PatroniTuning.DEFAULTS.primaryStartTimeout()))
                .build();
        return Stream.of(
                Arguments.of(
                        "etcd 3 → 1 while one member is down: below quorum",
                        oneEtcdDown,
                        (UnaryOperator<StackSpec.Builder>) b -> b.etcdMembers(1),
                        "Refused: etcd 3 → 1 while 1 of 3 members is down: each membership change needs a quorum"),
                Arguments.of(
                        "the only synchronous replica removed in synchronous mode on",
                        RunningStack.healthy(syncOn),
                        (UnaryOperator<StackSpec.Builder>) b -> b.nodes(1),
                        "Refused: removing pg-1, a synchronous standby, leaves 0 replicas but synchronous_mode true"
                                + " waits for 1 synchronous standby"),
                Arguments.of(
                        "a spec of another stack",
                        healthy,
                        (UnaryOperator<StackSpec.Builder>) b -> b.name("other"),
                        "Refused: the spec names stack other, not demo"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusedPlanShowsItsReasonAndOffersNoApply(
            String name, RunningStack running, UnaryOperator<StackSpec.Builder> change, String reason) {
        ScriptedChanges stack = ScriptedChanges.of(running);
        ChangeViewModel vm = open(stack);
        vm.specProperty().set(edited(stack, change));
        vm.plan();

        assertThat(vm.problemProperty().get()).startsWith(reason);
        assertThat(vm.steps()).isEmpty();
        assertThat(vm.canConfirmProperty().get()).isFalse();
        vm.run();
        assertThat(stack.runs()).isEmpty();
    }

    @Test
    void shrinkingBelowOneNodeIsRefusedWithTheReason() {
        ScriptedChanges stack = stack();
        ChangeViewModel vm = open(stack);
        vm.specProperty().set(vm.specProperty().get().replace("nodes: 3", "nodes: 0"));
        vm.plan();
        assertThat(vm.problemProperty().get()).isEqualTo("No plan: a stack has 1 to 7 PostgreSQL nodes, not 0");
        assertThat(vm.canConfirmProperty().get()).isFalse();
    }

    @Test
    void aSpecFileThatIsNotASpecShowsTheParseErrorWithItsLine() throws IOException {
        ScriptedChanges stack = stack();
        ChangeViewModel vm = open(stack);
        Path broken = Files.writeString(dir.resolve("spec.yaml"), "name: demo\nnodes: 4\npatroni: {ttl: 20\n");
        vm.openSpecFile(broken);
        assertThat(vm.specProperty().get()).startsWith("name: demo\nnodes: 4");
        assertThat(vm.problemProperty().get())
                .startsWith("No plan: spec.yaml: not valid YAML: ")
                .contains("(line ");
        assertThat(vm.canConfirmProperty().get()).isFalse();

        Path typo = Files.writeString(dir.resolve("typo.yaml"), "name: demo\nnodez: 4\n");
        vm.openSpecFile(typo);
        assertThat(vm.problemProperty().get())
                .startsWith("No plan: typo.yaml: unknown key 'nodez'; known keys: ")
                .endsWith("(line 2)");

        vm.openSpecFile(dir.resolve("missing.yaml"));
        assertThat(vm.problemProperty().get())
                .startsWith("No spec: cannot read ")
                .contains("missing.yaml");
        assertThat(stack.runs()).isEmpty();
    }

    @Test
    void aSpecFileThatIsASpecIsPlannedAtOnce() throws IOException {
        ScriptedChanges stack = stack();
        ChangeViewModel vm = open(stack);
        vm.openSpecFile(Files.writeString(dir.resolve("four.yaml"), edited(stack, b -> b.nodes(4))));
        assertThat(lines(vm)).startsWith("1. add pg-3: ");
        assertThat(vm.specChangesProperty().get()).isEqualTo("nodes: 3 -> 4");
        assertThat(vm.canConfirmProperty().get()).isTrue();

        vm.showRunningSpec();
        assertThat(vm.problemProperty().get()).isEqualTo("Nothing to change: stack demo already runs this spec");
    }

    @Test
    void aRunReportsEveryStepAndTheResult() {
        ScriptedChanges stack = stack();
        ActionsViewModel actions = actions(stack);
        ChangeViewModel vm = open(stack, actions, stack);
        vm.specProperty().set(edited(stack, b -> b.nodes(4)));
        vm.plan();

        vm.run();

        assertThat(stack.runs()).containsExactly("ADD_NODE pg-3");
        assertThat(vm.steps()).extracting(ChangeStep::status).containsExactly(ChangeStep.Status.DONE);
        assertThat(vm.steps()).extracting(ChangeStep::detail).containsExactly("done in 1.5 s");
        assertThat(vm.outcomeProperty().get())
                .startsWith("Apply spec: done in ")
                .endsWith("the stack runs the spec applied");
        assertThat(actions.busyProperty().get()).isFalse();
        assertThat(notifier.last().level()).isEqualTo(Notice.Level.SUCCESS);
    }

    @Test
    void aFailedStepStopsThePlanAndListsTheStepsNotDone() {
        ScriptedChanges stack = stack();
        stack.failAt(2, "pg-2 did not come back within 120 s");
        ActionsViewModel actions = actions(stack);
        ChangeViewModel vm = open(stack, actions, stack);
        vm.specProperty().set(edited(stack, b -> b.postgresParameter("shared_buffers", "256MB")));
        vm.plan();
        int planned = vm.steps().size();

        vm.run();

        assertThat(vm.steps().get(0).status()).isEqualTo(ChangeStep.Status.DONE);
        assertThat(vm.steps().get(1).status()).isEqualTo(ChangeStep.Status.DONE);
        assertThat(vm.steps().get(2).status()).isEqualTo(ChangeStep.Status.FAILED);
        assertThat(vm.steps().get(2).detail()).isEqualTo("pg-2 did not come back within 120 s");
        assertThat(vm.steps().subList(3, planned))
                .isNotEmpty()
                .extracting(ChangeStep::status)
                .containsOnly(ChangeStep.Status.NOT_DONE);
        assertThat(vm.outcomeProperty().get())
                .startsWith("Stopped: step 3 (restart replica pg-2) failed: pg-2 did not come back within 120 s."
                        + " Not done: restart replica pg-2, switchover pg-0 → pg-1");
        assertThat(notifier.last().level()).isEqualTo(Notice.Level.ERROR);
        assertThat(notifier.last().text()).contains("Not done: 4. switchover pg-0 → pg-1");
        assertThat(actions.busyProperty().get()).isFalse();
    }

    @Test
    void cancelAppliesNothing() {
        ScriptedChanges stack = stack();
        ActionsViewModel actions = actions(stack);
        ChangeViewModel vm = open(stack, actions, stack);
        vm.specProperty().set(edited(stack, b -> b.nodes(4)));
        vm.plan();
        assertThat(vm.canConfirmProperty().get()).isTrue();

        vm.cancel();
        vm.run();
        vm.plan();

        assertThat(stack.runs()).isEmpty();
        assertThat(stack.planned()).as("nothing is asked after the cancel").containsExactly("apply");
        assertThat(vm.startedProperty().get()).isFalse();
        assertThat(actions.busyProperty().get()).isFalse();
        assertThat(vm.problemProperty().get()).isEqualTo("Cancelled: nothing was changed");
    }

    @Test
    void aClusterPghaDidNotMakeHasNoSpecToApply() {
        ScriptedChanges stack = stack();
        ChangeViewModel vm = open(ClusterChanges.ATTACHED, actions(stack), stack);
        assertThat(vm.problemProperty().get())
                .isEqualTo("No spec: specs are applied only to stacks pgha made (pgha up); this cluster was attached");
        assertThat(vm.canConfirmProperty().get()).isFalse();
    }
}
