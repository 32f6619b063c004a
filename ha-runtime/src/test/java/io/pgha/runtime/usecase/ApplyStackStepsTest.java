package io.pgha.runtime.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.apply.ApplyPlan;
import io.pgha.runtime.apply.ApplyPlanner;
import io.pgha.runtime.apply.PlanStep;
import io.pgha.runtime.apply.RunningStack;
import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.StackSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which planned steps this version runs: a container replacement only when the plan names its image (upgrade); etcd
 * member steps always.
 */
class ApplyStackStepsTest {

    private static final StackSpec THREE =
            StackSpec.builder().name("steps").images(ImageProfile.LOCAL).build();
    private static final RunningStack RUNNING = RunningStack.healthy(THREE)
            .withImages(Map.of(
                    "pg-0", "pgha/spilo-17:local", "pg-1", "pgha/spilo-17:local", "pg-2", "pgha/spilo-17:local"));

    @Test
    void anUpgradeAndAReplaceRunWhole() {
        assertThat(ApplyStack.notExecutable(ApplyPlanner.upgrade(RUNNING, "pgha/spilo-17:next", true)))
                .isEmpty();
        assertThat(ApplyStack.notExecutable(ApplyPlanner.replace(RUNNING, "pg-0", false)))
                .isEmpty();
    }

    @Test
    void etcdMembersAddedRemovedAndReplacedRun() {
        assertThat(ApplyStack.notExecutable(ApplyPlanner.replace(RUNNING, "etcd-2", false)))
                .isEmpty();
        ApplyPlan grow =
                ApplyPlanner.plan(RUNNING, THREE.toBuilder().etcdMembers(5).build());
        assertThat(grow.steps()).extracting(PlanStep::kind).containsOnly(PlanStep.Kind.ADD_ETCD_MEMBER);
        assertThat(ApplyStack.notExecutable(grow)).isEmpty();
    }

    @Test
    void synchronousSettingsRunWithTheNodesTheyGoWith() {
        StackSpec five = THREE.toBuilder()
                .nodes(5)
                .patroni(new io.pgha.runtime.stack.PatroniTuning(
                        20, 2, 5, io.pgha.runtime.stack.SynchronousMode.QUORUM, 2, 1_048_576, 10))
                .build();
        ApplyPlan grow = ApplyPlanner.plan(RUNNING, five);
        assertThat(grow.steps()).extracting(PlanStep::kind).contains(PlanStep.Kind.SYNCHRONOUS_SETTINGS);
        assertThat(ApplyStack.notExecutable(grow)).isEmpty();
    }

    @Test
    void anImageProfileChangedInASpecIsShownNotRun() {
        assertThat(ApplyStack.notExecutable(ApplyPlanner.plan(
                        RUNNING, THREE.toBuilder().images(ImageProfile.OFFICIAL).build())))
                .extracting(PlanStep::kind)
                .containsOnly(PlanStep.Kind.REPLACE_CONTAINER)
                .hasSize(3);
    }
}
