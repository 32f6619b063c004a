package io.pgha.runtime.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.StackSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code pgha upgrade} and {@code pgha replace} plans as a table (docs/decisions/0037): a running stack, the command, and
 * the steps ("KIND target") in order or the refusal. Unless a row says otherwise the stack runs 3 nodes on
 * {@value #OLD}, pg-0 leads and every replica streams.
 */
class DayTwoPlanTest {

    private static final String OLD = "pgha/spilo-17:local";
    private static final String NEW = "pgha/spilo-17:next";
    private static final StackSpec THREE =
            StackSpec.builder().name("plan").images(ImageProfile.LOCAL).build();

    static Stream<Arguments> plans() {
        return Stream.of(
                row(
                        "upgrade: replicas one by one, one switchover, the old primary",
                        on(3, "pg-0", Map.of()),
                        r -> ApplyPlanner.upgrade(r, NEW, true),
                        List.of(
                                "REPLACE_CONTAINER pg-1",
                                "REPLACE_CONTAINER pg-2",
                                "SWITCHOVER pg-1",
                                "REPLACE_CONTAINER pg-0")),
                row(
                        "upgrade while pg-2 leads: its replicas first, the switchover to the first of them",
                        on(3, "pg-2", Map.of()),
                        r -> ApplyPlanner.upgrade(r, NEW, true),
                        List.of(
                                "REPLACE_CONTAINER pg-0",
                                "REPLACE_CONTAINER pg-1",
                                "SWITCHOVER pg-0",
                                "REPLACE_CONTAINER pg-2")),
                row(
                        "upgrade interrupted after pg-1: the rest only",
                        on(3, "pg-0", Map.of("pg-1", NEW)),
                        r -> ApplyPlanner.upgrade(r, NEW, true),
                        List.of("REPLACE_CONTAINER pg-2", "SWITCHOVER pg-1", "REPLACE_CONTAINER pg-0")),
                row(
                        "upgrade with only the primary left: a switchover, then it",
                        on(3, "pg-0", Map.of("pg-1", NEW, "pg-2", NEW)),
                        r -> ApplyPlanner.upgrade(r, NEW, true),
                        List.of("SWITCHOVER pg-1", "REPLACE_CONTAINER pg-0")),
                row(
                        "upgrade of a one-node stack: its only member, no switchover",
                        on(1, "pg-0", Map.of()),
                        r -> ApplyPlanner.upgrade(r, NEW, true),
                        List.of("REPLACE_CONTAINER pg-0")),
                row(
                        "upgrade to an image that is not on the engine: refused, how to build or load it",
                        on(3, "pg-0", Map.of()),
                        r -> ApplyPlanner.upgrade(r, NEW, false),
                        List.of("refused: image pgha/spilo-17:next is not on this machine", "docker load")),
                row(
                        "upgrade to the image every member runs: refused as a no-op",
                        on(3, "pg-0", Map.of()),
                        r -> ApplyPlanner.upgrade(r, OLD, true),
                        List.of("refused: every PostgreSQL container", "already runs " + OLD)),
                row(
                        "upgrade without an image: refused",
                        on(3, "pg-0", Map.of()),
                        r -> ApplyPlanner.upgrade(r, " ", true),
                        List.of("refused: name the image")),
                row(
                        "upgrade without a leader: refused",
                        on(3, "", Map.of()),
                        r -> ApplyPlanner.upgrade(r, NEW, true),
                        List.of("refused: stack plan has no leader")),
                row(
                        "replace a replica: cloned from the other replica",
                        on(3, "pg-0", Map.of()),
                        r -> ApplyPlanner.replace(r, "pg-1", false),
                        List.of("REPLACE_MEMBER pg-1 from pg-2")),
                row(
                        "replace the primary: a switchover first, cloned from the replica that stays one",
                        on(3, "pg-0", Map.of()),
                        r -> ApplyPlanner.replace(r, "pg-0", false),
                        List.of("SWITCHOVER pg-1", "REPLACE_MEMBER pg-0 from pg-2")),
                row(
                        "replace in a two-node stack: the primary is the only source",
                        on(2, "pg-0", Map.of()),
                        r -> ApplyPlanner.replace(r, "pg-1", false),
                        List.of("REPLACE_MEMBER pg-1 from pg-0")),
                row(
                        "replace a member the stack does not have: refused",
                        on(3, "pg-0", Map.of()),
                        r -> ApplyPlanner.replace(r, "pg-7", false),
                        List.of("refused: stack plan has no PostgreSQL member pg-7 (it has pg-0, pg-1, pg-2)")),
                row(
                        "replace the only member: refused, nothing to clone from",
                        on(1, "pg-0", Map.of()),
                        r -> ApplyPlanner.replace(r, "pg-0", false),
                        List.of("refused: pg-0 is the only member", "no one to clone from")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void plans(String name, RunningStack running, Function<RunningStack, ApplyPlan> command, List<String> expected) {
        ApplyPlan plan = command.apply(running);

        if (expected.getFirst().startsWith("refused: ")) {
            assertThat(plan.refused()).as(plan.lines().toString()).isTrue();
            assertThat(plan.steps()).isEmpty();
            String text = String.join("\n", plan.lines());
            expected.forEach(e -> assertThat(text).contains(e));
        } else {
            assertThat(plan.refused()).as(plan.lines().toString()).isFalse();
            assertThat(plan.steps())
                    .extracting(s -> s.kind() + " " + s.target()
                            + (s.kind() == PlanStep.Kind.REPLACE_MEMBER ? " from " + s.from() : ""))
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void anUpgradeNamesItsImageAndEachMembersRole() {
        ApplyPlan plan = ApplyPlanner.upgrade(on(3, "pg-0", Map.of()), NEW, true);

        assertThat(plan.image()).contains(NEW);
        assertThat(plan.lines())
                .containsExactly(
                        "1. replace container of replica pg-1: new container of image " + NEW + ", data volume kept"
                                + " (was " + OLD + "), then streaming again; reads move to the other replicas, no"
                                + " write outage",
                        "2. replace container of replica pg-2: new container of image " + NEW + ", data volume kept"
                                + " (was " + OLD + "), then streaming again; reads move to the other replicas, no"
                                + " write outage",
                        "3. switchover pg-0 → pg-1: switchover pg-0 → pg-1 (≈1 s of writes), the only write outage of"
                                + " the upgrade",
                        "4. replace container of old primary pg-0: now a replica: new container of image " + NEW
                                + ", data volume kept (was " + OLD + "), then streaming again; no write outage");
    }

    @Test
    void aReplaceSaysWhatHappensToTheOldData() {
        ApplyPlan deleted = ApplyPlanner.replace(on(3, "pg-0", Map.of()), "pg-2", false);
        ApplyPlan kept = ApplyPlanner.replace(on(3, "pg-0", Map.of()), "pg-2", true);

        assertThat(deleted.keepVolume()).isFalse();
        assertThat(deleted.lines().getFirst())
                .startsWith("1. replace pg-2 (new container and volume): ")
                .contains("cloned from pg-1 (a replica")
                .contains("deleted once the new one streams");
        assertThat(kept.keepVolume()).isTrue();
        assertThat(kept.lines().getFirst()).contains("kept in a volume whose name is printed");
    }

    static Stream<Arguments> addedMembersImages() {
        String other = "pgha/spilo-17:other";
        return Stream.of(
                Arguments.of("every member on the labels' profile image", on(3, "pg-0", Map.of()), OLD),
                Arguments.of(
                        "after an upgrade: the new image, whatever the labels say",
                        on(3, "pg-0", Map.of("pg-0", NEW, "pg-1", NEW, "pg-2", NEW)),
                        NEW),
                Arguments.of(
                        "upgrade interrupted after both replicas: the image most members run",
                        on(3, "pg-0", Map.of("pg-1", NEW, "pg-2", NEW)),
                        NEW),
                Arguments.of(
                        "upgrade interrupted after one replica: the image most members run",
                        on(3, "pg-0", Map.of("pg-1", NEW)),
                        OLD),
                Arguments.of("a tie: the leader's image", on(2, "pg-1", Map.of("pg-1", NEW)), NEW),
                Arguments.of("a tie the other way: the leader's image", on(2, "pg-0", Map.of("pg-1", NEW)), OLD),
                Arguments.of(
                        "a tie without a leader: the first image by name",
                        on(2, "", Map.of("pg-0", other, "pg-1", NEW)),
                        NEW),
                Arguments.of(
                        "images unknown: none (the profile's)",
                        new RunningStack(THREE, List.of(new RunningStack.Member("pg-0", true, false, false)), 3),
                        ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("addedMembersImages")
    void aMemberAddedRunsTheImageTheStackRuns(String name, RunningStack running, String expected) {
        assertThat(running.postgresImage().orElse("")).isEqualTo(expected);
    }

    @Test
    void aScaleAfterAnUpgradeNamesTheNewImage() {
        RunningStack upgraded = on(3, "pg-1", Map.of("pg-0", NEW, "pg-1", NEW, "pg-2", NEW));

        ApplyPlan plan = ApplyPlanner.scale(upgraded, 4);

        assertThat(plan.steps()).extracting(s -> s.kind() + " " + s.target()).containsExactly("ADD_NODE pg-3");
        assertThat(plan.lines().getFirst())
                .startsWith("1. ")
                .contains("new replica of image " + NEW + " cloned from pg-0");
    }

    private static Arguments row(
            String name, RunningStack running, Function<RunningStack, ApplyPlan> command, List<String> expected) {
        return Arguments.of(name, running, command, expected);
    }

    /** {@code nodes} members, {@code leader} leading (none when empty), each on {@value #OLD} unless {@code images}. */
    private static RunningStack on(int nodes, String leader, Map<String, String> images) {
        StackSpec spec = THREE.toBuilder().nodes(nodes).build();
        Map<String, String> running = new LinkedHashMap<>();
        List<RunningStack.Member> members = new java.util.ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            String m = "pg-" + i;
            running.put(m, images.getOrDefault(m, OLD));
            members.add(new RunningStack.Member(m, m.equals(leader), !m.equals(leader) && !leader.isEmpty(), false));
        }
        return new RunningStack(spec, members, spec.etcdMembers()).withImages(running);
    }
}
