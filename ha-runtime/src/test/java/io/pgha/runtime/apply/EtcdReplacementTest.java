package io.pgha.runtime.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.StackSpec;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code pgha replace etcd-N} as a table: etcd's size, how many members are healthy, the member, the plan. */
class EtcdReplacementTest {

    static Stream<Arguments> plans() {
        return Stream.of(
                row("3 healthy: one step", 3, 3, "etcd-2", List.of("REPLACE_ETCD_MEMBER etcd-2"), ""),
                row("5 healthy: one step", 5, 5, "etcd-5", List.of("REPLACE_ETCD_MEMBER etcd-5"), ""),
                row("a member the stack lacks", 3, 3, "etcd-4", List.of(), "has no etcd member etcd-4"),
                row("etcd of one member", 1, 1, "etcd-1", List.of(), "is the only etcd member"),
                row(
                        "3 with one down",
                        3,
                        2,
                        "etcd-2",
                        List.of(),
                        "1 of 2 would answer for a quorum of 2, so etcd would"),
                row(
                        "5 with one down",
                        5,
                        4,
                        "etcd-1",
                        List.of(),
                        "3 of 4 would answer for a quorum of 3, so one more"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void plans(String row, int members, int healthy, String member, List<String> steps, String refusal) {
        StackSpec spec = StackSpec.builder()
                .name("etcd")
                .images(ImageProfile.LOCAL)
                .etcdMembers(members)
                .build();
        RunningStack running = new RunningStack(spec, RunningStack.healthy(spec).members(), healthy);
        ApplyPlan plan = ApplyPlanner.replace(running, member, false);
        assertThat(plan.steps().stream().map(s -> s.kind() + " " + s.target()).toList())
                .isEqualTo(steps);
        if (refusal.isEmpty()) {
            assertThat(plan.refusals()).isEmpty();
            assertThat(plan.steps().getFirst().describe())
                    .contains("quorum " + ((members - 1) / 2 + 1) + " of the " + (members - 1) + " left");
        } else {
            assertThat(String.join("; ", plan.refusals())).contains(refusal);
        }
    }

    private static Arguments row(
            String row, int members, int healthy, String member, List<String> steps, String refusal) {
        return Arguments.of(row, members, healthy, member, steps, refusal);
    }
}
