package io.pgha.runtime.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.StackSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code pgha apply} after a {@code pgha replace} that was killed while it copied the old data aside (its container
 * stopped, its data whole, a partial copy beside it): the plan finishes the member, first, instead of "nothing to do".
 */
class UnfinishedReplacesTest {

    private static final StackSpec THREE =
            StackSpec.builder().name("plan").images(ImageProfile.LOCAL).build();
    private static final String COPY = "plan_pg-2-data-replaced-20261207-071500";

    /** pg-0 leads, pg-1 streams, pg-2's container is stopped (Patroni lists it stopped, or not at all). */
    private static RunningStack stopped(StackSpec spec, String member, boolean running, boolean keep) {
        List<RunningStack.Member> members = RunningStack.healthy(spec).members().stream()
                .map(m -> m.name().equals(member) && !running
                        ? new RunningStack.Member(m.name(), false, false, false)
                        : m)
                .toList();
        return new RunningStack(spec, members, spec.etcdMembers())
                .withUnfinished(Map.of(member, new RunningStack.Unfinished(member, running, List.of(COPY), keep)));
    }

    static Stream<Arguments> plans() {
        StackSpec four = THREE.toBuilder().nodes(4).build();
        return Stream.of(
                Arguments.of("nothing interrupted: nothing to do", RunningStack.healthy(THREE), THREE, List.of()),
                Arguments.of(
                        "a replace killed during its copy: the member replaced again",
                        stopped(THREE, "pg-2", false, false),
                        THREE,
                        List.of("REPLACE_MEMBER pg-2 from pg-1")),
                Arguments.of(
                        "the same while Patroni has forgotten pg-2 (its TTL)",
                        new RunningStack(
                                        THREE,
                                        RunningStack.healthy(THREE).members().subList(0, 2),
                                        THREE.etcdMembers())
                                .withUnfinished(Map.of(
                                        "pg-2", new RunningStack.Unfinished("pg-2", false, List.of(COPY), false))),
                        THREE,
                        List.of("REPLACE_MEMBER pg-2 from pg-1")),
                Arguments.of(
                        "killed before it stopped the container: the member serves, nothing to do",
                        stopped(THREE, "pg-2", true, false),
                        THREE,
                        List.of()),
                Arguments.of(
                        "finished first, before the rest of the plan (which waits for the whole cluster)",
                        stopped(THREE, "pg-1", false, false),
                        THREE.toBuilder().nodes(4).build(),
                        List.of("REPLACE_MEMBER pg-1 from pg-2", "ADD_NODE pg-3 from pg-2")),
                Arguments.of(
                        "a member the spec removes is removed, not finished",
                        stopped(four, "pg-3", false, false),
                        THREE,
                        List.of("REMOVE_NODE pg-3 from ")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void plans(String name, RunningStack running, StackSpec desired, List<String> expected) {
        ApplyPlan plan = ApplyPlanner.plan(running, desired);
        assertThat(plan.refusals()).isEmpty();
        assertThat(plan.steps())
                .extracting(s -> s.kind() + " " + s.target() + " from " + s.from())
                .containsExactlyElementsOf(expected);
    }

    @Test
    void thePlanNamesThePartialCopyAndWhatHappensToTheOldData() {
        ApplyPlan plan = ApplyPlanner.plan(stopped(THREE, "pg-2", false, false), THREE);
        assertThat(plan.keepVolume()).isFalse();
        assertThat(plan.lines())
                .singleElement()
                .asString()
                .startsWith("1. replace pg-2 (new container and volume): finish the replace that was interrupted")
                .contains("the partial copy " + COPY + " (left by an interrupted replace, not whole) removed first")
                .contains("cloned from pg-1 (a replica")
                .contains("deleted once the new one streams")
                .endsWith("no write outage");
    }

    @Test
    void aReplaceThatAskedToKeepTheOldDataIsFinishedKeepingIt() {
        ApplyPlan plan = ApplyPlanner.plan(stopped(THREE, "pg-2", false, true), THREE);
        assertThat(plan.keepVolume()).isTrue();
        assertThat(plan.lines().getFirst()).contains("kept in a volume whose name is printed");
    }

    @Test
    void aSecondReplaceNamesThePartialCopyItRemovesFirst() {
        ApplyPlan plan = ApplyPlanner.replace(stopped(THREE, "pg-2", false, false), "pg-2", false);
        assertThat(plan.lines().getFirst())
                .startsWith("1. replace pg-2 (new container and volume): the partial copy " + COPY)
                .contains("removed first; its data copied aside");
        assertThat(ApplyPlanner.replace(RunningStack.healthy(THREE), "pg-2", false)
                        .lines()
                        .getFirst())
                .as("nothing interrupted: no copy named")
                .doesNotContain("partial");
    }
}
