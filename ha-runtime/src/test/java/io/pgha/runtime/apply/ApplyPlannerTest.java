package io.pgha.runtime.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.PatroniTuning;
import io.pgha.runtime.stack.StackPorts;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.stack.StackSpecFile;
import io.pgha.runtime.stack.SynchronousMode;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The planner as a table: a running stack, a desired spec, and the plan's steps ("KIND target") in order or its
 * refusal. Unless a row says otherwise the stack runs the defaults (3 nodes, pg-0 leads, quorum commit of 1, 3 etcd
 * members, local images) and is healthy.
 */
class ApplyPlannerTest {

    private static final StackSpec THREE =
            StackSpec.builder().name("plan").images(ImageProfile.LOCAL).build();

    static Stream<Arguments> plans() {
        return Stream.of(
                row("same spec: nothing to do", healthy(THREE), s -> s, List.of()),
                row("3 → 4: one replica cloned from pg-1", healthy(THREE), s -> s.nodes(4), List.of("ADD_NODE pg-3")),
                row(
                        "3 → 5: two replicas, lowest free names first",
                        healthy(THREE),
                        s -> s.nodes(5),
                        List.of("ADD_NODE pg-3", "ADD_NODE pg-4")),
                row(
                        "4 → 3: the highest member leaves",
                        healthy(nodes(4)),
                        s -> s.nodes(3),
                        List.of("REMOVE_NODE pg-3")),
                row(
                        "5 → 3: highest first",
                        healthy(nodes(5)),
                        s -> s.nodes(3),
                        List.of("REMOVE_NODE pg-4", "REMOVE_NODE pg-3")),
                row(
                        "4 → 3 while pg-3 leads: a switchover first",
                        leading(nodes(4), "pg-3"),
                        s -> s.nodes(3),
                        List.of("SWITCHOVER pg-0", "REMOVE_NODE pg-3")),
                row(
                        "3 → 1 with synchronous mode off in the same spec: loosened first",
                        healthy(THREE),
                        s -> s.nodes(1).patroni(sync(SynchronousMode.OFF, 1)),
                        List.of("SYNCHRONOUS_SETTINGS plan", "REMOVE_NODE pg-2", "REMOVE_NODE pg-1")),
                row(
                        "3 → 5 with synchronous_node_count 2: tightened last",
                        healthy(THREE),
                        s -> s.nodes(5).patroni(sync(SynchronousMode.QUORUM, 2)),
                        List.of("ADD_NODE pg-3", "ADD_NODE pg-4", "SYNCHRONOUS_SETTINGS plan")),
                row(
                        "a reload parameter: one reload",
                        healthy(THREE),
                        s -> s.postgresParameter("work_mem", "64MB"),
                        List.of("RELOAD_PARAMETERS plan")),
                row(
                        "shared_buffers: replicas, one switchover, then the old primary",
                        healthy(THREE),
                        s -> s.postgresParameter("shared_buffers", "256MB"),
                        List.of(
                                "SET_PARAMETERS plan",
                                "RESTART pg-1",
                                "RESTART pg-2",
                                "SWITCHOVER pg-1",
                                "RESTART pg-0")),
                row(
                        "a new image: containers replaced in the same order",
                        healthy(THREE),
                        s -> s.images(ImageProfile.OFFICIAL),
                        List.of(
                                "REPLACE_CONTAINER pg-1",
                                "REPLACE_CONTAINER pg-2",
                                "SWITCHOVER pg-1",
                                "REPLACE_CONTAINER pg-0")),
                row("images auto: what runs is kept", healthy(THREE), s -> s.images(ImageProfile.AUTO), List.of()),
                row(
                        "a one-node restart says it stops writes",
                        healthy(nodes(1)),
                        s -> s.postgresParameter("shared_buffers", "256MB"),
                        List.of("SET_PARAMETERS plan", "RESTART pg-0")),
                row(
                        "etcd 3 → 5, one member at a time",
                        healthy(THREE),
                        s -> s.etcdMembers(5),
                        List.of("ADD_ETCD_MEMBER etcd-4", "ADD_ETCD_MEMBER etcd-5")),
                row(
                        "etcd 3 → 5 interrupted after etcd-4: goes on from 4",
                        new RunningStack(THREE, healthy(THREE).members(), 4).withEtcdContainers(4),
                        s -> s.etcdMembers(5),
                        List.of("ADD_ETCD_MEMBER etcd-5")),
                row(
                        "etcd 5 → 3 interrupted after etcd-5: goes on from 4",
                        new RunningStack(
                                        THREE.toBuilder().etcdMembers(5).build(),
                                        healthy(THREE).members(),
                                        4)
                                .withEtcdContainers(4),
                        s -> s.etcdMembers(3),
                        List.of("REMOVE_ETCD_MEMBER etcd-4")),
                row(
                        "replace etcd-2 interrupted after its removal (etcd-1, etcd-3 left): etcd-2 comes back",
                        new RunningStack(THREE, healthy(THREE).members(), 2)
                                .withEtcdHealth(java.util.Map.of("etcd-1", true, "etcd-3", true)),
                        s -> s,
                        List.of("ADD_ETCD_MEMBER etcd-2")),
                row(
                        "etcd 5 → 3 with etcd-4 gone already (etcd-1, 2, 3, 5 left): etcd-5 goes",
                        new RunningStack(
                                        THREE.toBuilder().etcdMembers(5).build(),
                                        healthy(THREE).members(),
                                        4)
                                .withEtcdHealth(java.util.Map.of(
                                        "etcd-1", true, "etcd-2", true, "etcd-3", true, "etcd-5", true)),
                        s -> s.etcdMembers(3),
                        List.of("REMOVE_ETCD_MEMBER etcd-5")),
                row(
                        "etcd 3 → 5 with etcd-2 missing: etcd-2 back first, then etcd-4, etcd-5",
                        new RunningStack(THREE, healthy(THREE).members(), 2)
                                .withEtcdHealth(java.util.Map.of("etcd-1", true, "etcd-3", true)),
                        s -> s.etcdMembers(5),
                        List.of("ADD_ETCD_MEMBER etcd-2", "ADD_ETCD_MEMBER etcd-4", "ADD_ETCD_MEMBER etcd-5")),
                row(
                        "etcd 3 → 1 with every member healthy",
                        healthy(THREE),
                        s -> s.etcdMembers(1),
                        List.of("REMOVE_ETCD_MEMBER etcd-3", "REMOVE_ETCD_MEMBER etcd-2")),
                row(
                        "scale down then roll: removed members are not restarted",
                        healthy(nodes(4)),
                        s -> s.nodes(3).postgresParameter("max_connections", "300"),
                        List.of(
                                "REMOVE_NODE pg-3",
                                "SET_PARAMETERS plan",
                                "RESTART pg-1",
                                "RESTART pg-2",
                                "SWITCHOVER pg-1",
                                "RESTART pg-0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void plansInOrder(String name, RunningStack running, UnaryOperator<StackSpec.Builder> change, List<String> steps) {
        ApplyPlan plan = ApplyPlanner.plan(
                running, change.apply(running.spec().toBuilder()).build());

        assertThat(plan.refusals()).isEmpty();
        assertThat(plan.steps()).extracting(s -> s.kind() + " " + s.target()).containsExactlyElementsOf(steps);
        assertThat(plan.steps()).allSatisfy(s -> assertThat(s.cost()).isNotBlank());
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                row(
                        "3 → 1 in quorum mode without changing it",
                        healthy(THREE),
                        s -> s.nodes(1),
                        List.of("leaves 0 replicas but synchronous_mode quorum waits for 1 synchronous standby")),
                row(
                        "2 → 1 in synchronous mode on: the only synchronous replica",
                        healthy(sized(2, sync(SynchronousMode.ON, 1))),
                        s -> s.nodes(1),
                        List.of("removing pg-1, a synchronous standby, leaves 0 replicas")),
                row(
                        "5 → 2 with synchronous_node_count 2",
                        healthy(sized(5, sync(SynchronousMode.QUORUM, 2))),
                        s -> s.nodes(2),
                        List.of("leaves 1 replica but synchronous_mode quorum waits for 2 synchronous standbys")),
                row(
                        "etcd 3 → 1 while one is down",
                        etcdDown(healthy(THREE), 1),
                        s -> s.etcdMembers(1),
                        List.of("etcd 3 → 1 while 1 of 3 members is down")),
                row(
                        "etcd 3 → 5 while one is down",
                        etcdDown(healthy(THREE), 1),
                        s -> s.etcdMembers(5),
                        List.of("etcd 3 → 5 while 1 of 3 members is down")),
                row(
                        "ports are not changed in place",
                        healthy(THREE),
                        s -> s.ports(StackPorts.DEFAULTS.withPrometheus(43090)),
                        List.of("is not changed in place")),
                row(
                        "another stack's spec",
                        healthy(THREE),
                        s -> s.name("other"),
                        List.of("the spec names stack other, not plan")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWithTheReason(
            String name, RunningStack running, UnaryOperator<StackSpec.Builder> change, List<String> reasons) {
        ApplyPlan plan = ApplyPlanner.plan(
                running, change.apply(running.spec().toBuilder()).build());

        assertThat(plan.refused()).isTrue();
        assertThat(plan.steps()).isEmpty();
        reasons.forEach(r -> assertThat(String.join("\n", plan.refusals())).contains(r));
        assertThat(plan.lines()).allMatch(l -> l.startsWith("refused: "));
    }

    @Test
    void scaleRefusesBelowOneAndAboveSeven() {
        assertThat(ApplyPlanner.scale(healthy(THREE), 0).refusals())
                .singleElement()
                .asString()
                .contains("at least 1 PostgreSQL node");
        assertThat(ApplyPlanner.scale(healthy(THREE), 8).refusals())
                .singleElement()
                .asString()
                .contains("at most 7");
    }

    @Test
    void costLinesSayWhereFromAndWhatItCosts() {
        ApplyPlan grow = ApplyPlanner.scale(healthy(THREE), 4);
        assertThat(grow.lines())
                .containsExactly("1. add pg-3: new replica cloned from pg-1 (a replica: the primary serves no base "
                        + "backup), joins the router and the synchronous quorum; no write outage");

        ApplyPlan roll = ApplyPlanner.plan(
                healthy(THREE),
                THREE.toBuilder().postgresParameter("shared_buffers", "256MB").build());
        assertThat(roll.lines())
                .contains("4. switchover pg-0 → pg-1: switchover pg-0 → pg-1 (≈1 s of writes), the only "
                        + "write outage of the roll");
        assertThat(ApplyPlanner.scale(healthy(THREE), 3).empty()).isTrue();
    }

    private static final java.util.Map<String, String> CONTEXTS = java.util.Map.of(
            "shared_buffers", "postmaster",
            "max_connections", "postmaster",
            "work_mem", "user",
            "wal_keep_size", "sighup",
            "wal_retrieve_retry_interval", "sighup",
            "huge_page_size", "postmaster",
            "block_size", "internal",
            "max_wal_senders", "postmaster");

    static Stream<Arguments> parameterPlans() {
        return Stream.of(
                Arguments.of("the server says work_mem is a user parameter: a reload", "work_mem", "64MB", "RELOAD"),
                Arguments.of("the server says shared_buffers is postmaster: a roll", "shared_buffers", "256MB", "ROLL"),
                Arguments.of(
                        "huge_page_size, postmaster on the server though not in the fallback list: a roll",
                        "huge_page_size",
                        "2MB",
                        "ROLL"),
                Arguments.of("a dotted (extension) parameter the server does not list: a reload", "x.y", "1", "RELOAD"),
                Arguments.of(
                        "a parameter the server does not know: refused",
                        "wrk_mem",
                        "64MB",
                        "PostgreSQL has no parameter wrk_mem"),
                Arguments.of("an internal parameter: refused", "block_size", "16384", "context internal"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parameterPlans")
    void theServerSaysWhatARestartNeeds(String name, String parameter, String value, String expected) {
        RunningStack running = healthy(THREE).withParameters(THREE.postgresParameters(), CONTEXTS);
        ApplyPlan plan = ApplyPlanner.plan(
                running, THREE.toBuilder().postgresParameter(parameter, value).build());

        List<String> kinds =
                plan.steps().stream().map(s -> s.kind() + " " + s.target()).toList();
        switch (expected) {
            case "RELOAD" -> assertThat(kinds).containsExactly("RELOAD_PARAMETERS plan");
            case "ROLL" ->
                assertThat(kinds)
                        .containsExactly(
                                "SET_PARAMETERS plan",
                                "RESTART pg-1",
                                "RESTART pg-2",
                                "SWITCHOVER pg-1",
                                "RESTART pg-0");
            default -> {
                assertThat(plan.refused()).isTrue();
                assertThat(String.join("\n", plan.refusals())).contains(expected);
            }
        }
    }

    @Test
    void whatAnEarlierApplyPutInTheDcsIsWhatRuns() {
        java.util.Map<String, String> dcs = new java.util.LinkedHashMap<>(THREE.postgresParameters());
        dcs.put("work_mem", "64MB");
        dcs.put("archive_mode", "on");
        dcs.remove("wal_keep_size");
        RunningStack running = healthy(THREE).withParameters(dcs, CONTEXTS);
        StackSpec same = THREE.toBuilder().postgresParameter("work_mem", "64MB").build();
        StackSpec withoutWalKeep = new java.util.LinkedHashMap<>(same.postgresParameters())
                .entrySet().stream()
                        .filter(e -> !e.getKey().equals("wal_keep_size"))
                        .reduce(
                                same.toBuilder().postgresParameters(java.util.Map.of()),
                                (b, e) -> b.postgresParameter(e.getKey(), e.getValue()),
                                (a, b) -> a)
                        .build();

        assertThat(ApplyPlanner.plan(running, withoutWalKeep).empty())
                .as("work_mem set and wal_keep_size removed by an earlier apply; archive_mode is pgha's own")
                .isTrue();
        assertThat(ParameterChanges.changed(running, THREE.postgresParameters()))
                .as("back to the labels' spec: wal_keep_size set again; work_mem, not in the spec, left as it is")
                .containsExactly(java.util.Map.entry("wal_keep_size", java.util.Optional.of("256MB")));
    }

    @Test
    void aRestartLeftPendingByAnInterruptedApplyIsRolledAgain() {
        RunningStack interrupted = new RunningStack(
                        THREE,
                        List.of(
                                new RunningStack.Member("pg-0", true, false, false, true),
                                new RunningStack.Member("pg-1", false, true, true, false),
                                new RunningStack.Member("pg-2", false, true, false, true)),
                        3)
                .withParameters(THREE.postgresParameters(), CONTEXTS);

        assertThat(ApplyPlanner.plan(interrupted, THREE).steps())
                .extracting(s -> s.kind() + " " + s.target())
                .containsExactly("RESTART pg-1", "RESTART pg-2", "SWITCHOVER pg-1", "RESTART pg-0");
    }

    @Test
    void anAddInterruptedBeforeTheRouterTookTheMemberIsFinishedAndNothingElse() {
        StackSpec four = THREE.toBuilder().nodes(4).build();
        RunningStack interrupted = healthy(four).withUnrouted(java.util.Set.of("pg-3"));

        ApplyPlan again = ApplyPlanner.plan(interrupted, four);
        assertThat(again.steps()).extracting(s -> s.kind() + " " + s.target()).containsExactly("ADD_NODE pg-3");
        assertThat(again.lines()).anySatisfy(l -> assertThat(l).contains("an add that was interrupted"));
        assertThat(ApplyPlanner.plan(healthy(four), four).steps())
                .as("every member routed: nothing to do")
                .isEmpty();
        assertThat(ApplyPlanner.plan(interrupted, THREE).steps())
                .as("back to three: the unrouted member is removed, not finished")
                .extracting(s -> s.kind() + " " + s.target())
                .containsExactly("REMOVE_NODE pg-3");
    }

    @Test
    void aShrinkThatDeletesVolumesSaysSoInItsPlan() {
        ApplyPlan shrink = ApplyPlanner.plan(healthy(THREE.toBuilder().nodes(4).build()), THREE);
        assertThat(shrink.lines()).anySatisfy(l -> assertThat(l).contains("volume pg-3-data kept"));
        assertThat(shrink.withVolumesDeleted().lines())
                .anySatisfy(l -> assertThat(l).startsWith("1. remove pg-3").contains("volume pg-3-data DELETED"))
                .noneSatisfy(l -> assertThat(l).contains("kept"));
    }

    @Test
    void aRollNamesTheRoleOfEachRestart() {
        ApplyPlan roll = ApplyPlanner.plan(
                healthy(THREE).withParameters(THREE.postgresParameters(), CONTEXTS),
                THREE.toBuilder()
                        .postgresParameter("shared_buffers", "256MB")
                        .postgresParameter("work_mem", "8MB")
                        .build());

        assertThat(roll.lines())
                .anySatisfy(l -> assertThat(l)
                        .startsWith("1. set parameters (restart needed): shared_buffers 256MB," + " work_mem 8MB"))
                .anySatisfy(l -> assertThat(l).startsWith("2. restart replica pg-1: PostgreSQL restarted"))
                .anySatisfy(l -> assertThat(l).startsWith("3. restart replica pg-2: "))
                .anySatisfy(l -> assertThat(l).startsWith("5. restart old primary pg-0: now a replica"));
    }

    @Test
    void aReplicaThatDoesNotStreamIsNotACloneSource() {
        RunningStack running = new RunningStack(
                THREE,
                List.of(
                        new RunningStack.Member("pg-0", true, false, false),
                        new RunningStack.Member("pg-1", false, false, false),
                        new RunningStack.Member("pg-2", false, true, true)),
                3);

        assertThat(ApplyPlanner.scale(running, 4).steps())
                .singleElement()
                .extracting(PlanStep::from)
                .isEqualTo("pg-2");
    }

    private static Arguments row(
            String name, RunningStack running, UnaryOperator<StackSpec.Builder> change, List<String> expected) {
        return Arguments.of(name, running, change, expected);
    }

    private static StackSpec nodes(int n) {
        return THREE.toBuilder().nodes(n).build();
    }

    private static StackSpec sized(int n, PatroniTuning tuning) {
        return THREE.toBuilder().nodes(n).patroni(tuning).build();
    }

    private static PatroniTuning sync(SynchronousMode mode, int count) {
        PatroniTuning d = PatroniTuning.DEFAULTS;
        return new PatroniTuning(
                d.ttl(),
                d.loopWait(),
                d.retryTimeout(),
                mode,
                count,
                d.maximumLagOnFailover(),
                d.primaryStartTimeout());
    }

    @Test
    void theRunningSpecWrittenAndReadBackPlansNothing() {
        StackSpec now =
                StackSpec.builder().name("demo").images(ImageProfile.LOCAL).build();
        StackSpec read = StackSpecFile.parse(StackSpecFile.write(now)).build();
        assertThat(ApplyPlanner.plan(RunningStack.healthy(now), read).empty()).isTrue();
    }

    private static RunningStack healthy(StackSpec spec) {
        return RunningStack.healthy(spec);
    }

    private static RunningStack leading(StackSpec spec, String leader) {
        return new RunningStack(
                spec,
                RunningStack.healthy(spec).members().stream()
                        .map(m -> new RunningStack.Member(
                                m.name(), m.name().equals(leader), !m.name().equals(leader), false))
                        .toList(),
                spec.etcdMembers());
    }

    private static RunningStack etcdDown(RunningStack running, int down) {
        return new RunningStack(
                running.spec(), running.members(), running.spec().etcdMembers() - down);
    }
}
