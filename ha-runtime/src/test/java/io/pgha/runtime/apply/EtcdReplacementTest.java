package io.pgha.runtime.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.StackSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code pgha replace etcd-N} as a table: etcd's size, how many members are healthy (or which are down), the member, the
 * plan.
 */
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

    /** Knowing which members are down: a broken member that is the only one down is replaced; any other down refuses. */
    static Stream<Arguments> down() {
        return Stream.of(
                down("3, the member itself down", 3, List.of("etcd-2"), "etcd-2", ""),
                down("5, the member itself down", 5, List.of("etcd-5"), "etcd-5", ""),
                down(
                        "3, another member down",
                        3,
                        List.of("etcd-3"),
                        "etcd-2",
                        "1 of 2 would answer for a quorum of 2, so etcd would"),
                down(
                        "5, another member down",
                        5,
                        List.of("etcd-1"),
                        "etcd-5",
                        "3 of 4 would answer for a quorum of 3, so one more"),
                down(
                        "3, the member and another down",
                        3,
                        List.of("etcd-1", "etcd-2"),
                        "etcd-2",
                        "1 of 2 would answer for a quorum of 2, so etcd would"),
                down(
                        "5, the member and another down",
                        5,
                        List.of("etcd-2", "etcd-4"),
                        "etcd-4",
                        "3 of 4 would answer for a quorum of 3, so one more"),
                down("3, the member's container gone", 3, List.of("etcd-2-gone"), "etcd-2", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("down")
    void knowingWhichMemberIsDown(String row, int members, List<String> down, String member, String refusal) {
        StackSpec spec = StackSpec.builder()
                .name("etcd")
                .images(ImageProfile.LOCAL)
                .etcdMembers(members)
                .build();
        Map<String, Boolean> health = new TreeMap<>();
        for (int i = 1; i <= members; i++) {
            String name = "etcd-" + i;
            if (!down.contains(name + "-gone")) {
                health.put(name, !down.contains(name));
            }
        }
        int healthy = (int) health.values().stream().filter(h -> h).count();
        RunningStack running =
                new RunningStack(spec, RunningStack.healthy(spec).members(), healthy).withEtcdHealth(health);

        ApplyPlan plan = ApplyPlanner.replace(running, member, false);
        if (refusal.isEmpty()) {
            assertThat(plan.refusals()).isEmpty();
            assertThat(plan.steps().stream()
                            .map(s -> s.kind() + " " + s.target())
                            .toList())
                    .containsExactly("REPLACE_ETCD_MEMBER " + member);
            assertThat(plan.steps().getFirst().describe()).contains(member + " is down and the others hold the quorum");
        } else {
            assertThat(plan.steps()).isEmpty();
            assertThat(String.join("; ", plan.refusals())).contains(refusal);
        }
    }

    @Test
    void keepingAnEtcdMembersVolumeIsInvalidInput() {
        StackSpec spec =
                StackSpec.builder().name("etcd").images(ImageProfile.LOCAL).build();
        assertThatThrownBy(() -> ApplyPlanner.replace(RunningStack.healthy(spec), "etcd-2", true))
                .isInstanceOfSatisfying(
                        PghaException.class, e -> assertThat(e.kind()).isEqualTo(PghaException.Kind.INVALID_INPUT))
                .hasMessageContaining("always deletes it")
                .hasMessageContaining("without --keep-volume");
        assertThat(ApplyPlanner.replace(RunningStack.healthy(spec), "pg-1", true)
                        .keepVolume())
                .isTrue();
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

    private static Arguments down(String row, int members, List<String> down, String member, String refusal) {
        return Arguments.of(row, members, down, member, refusal);
    }
}
