package io.pgha.runtime.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.Role;
import io.pgha.runtime.testsupport.MemberBuilder;
import io.pgha.runtime.testsupport.SnapshotBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each scenario's fault: whether it is held, when the cluster counts as recovered, and the pure parts of injecting it. */
class DrillFaultsTest {

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of(
                        DrillScenario.KILL_PRIMARY,
                        KillPrimaryFault.class,
                        false,
                        RecoveredWhen.NEW_LEADER_TAKES_WRITES),
                Arguments.of(
                        DrillScenario.STOP_PRIMARY,
                        StopPrimaryFault.class,
                        false,
                        RecoveredWhen.NEW_LEADER_TAKES_WRITES),
                Arguments.of(
                        DrillScenario.CRASH_POSTGRES, CrashPostgresFault.class, false, RecoveredWhen.WRITABLE_AGAIN),
                Arguments.of(
                        DrillScenario.PARTITION_PRIMARY,
                        PartitionPrimaryFault.class,
                        true,
                        RecoveredWhen.NEW_LEADER_TAKES_WRITES),
                Arguments.of(DrillScenario.FREEZE_PRIMARY, FreezePrimaryFault.class, true, RecoveredWhen.AT_ONCE),
                Arguments.of(DrillScenario.ETCD_MINORITY, EtcdMinorityFault.class, true, RecoveredWhen.AT_ONCE),
                Arguments.of(DrillScenario.ETCD_QUORUM_LOSS, EtcdQuorumLossFault.class, true, RecoveredWhen.AT_ONCE),
                Arguments.of(
                        DrillScenario.SWITCHOVER, SwitchoverFault.class, false, RecoveredWhen.NEW_LEADER_TAKES_WRITES),
                Arguments.of(DrillScenario.KILL_ROUTER, KillRouterFault.class, true, RecoveredWhen.WRITES_AFTER_FAULT),
                Arguments.of(
                        DrillScenario.KILL_DURING_SWITCHOVER,
                        KillDuringSwitchoverFault.class,
                        false,
                        RecoveredWhen.NEW_LEADER_TAKES_WRITES),
                Arguments.of(
                        DrillScenario.DOUBLE_FAILOVER,
                        DoubleFailoverFault.class,
                        false,
                        RecoveredWhen.THIRD_MEMBER_TAKES_WRITES),
                Arguments.of(
                        DrillScenario.ETCD_LEADER_DURING_FAILOVER,
                        EtcdLeaderDuringFailoverFault.class,
                        false,
                        RecoveredWhen.NEW_LEADER_TAKES_WRITES),
                Arguments.of(DrillScenario.LOSSY_PRIMARY, LossyPrimaryFault.class, true, RecoveredWhen.AT_ONCE),
                Arguments.of(DrillScenario.SLOW_PRIMARY, SlowPrimaryFault.class, true, RecoveredWhen.AT_ONCE),
                Arguments.of(
                        DrillScenario.ASYMMETRIC_PARTITION,
                        AsymmetricPartitionFault.class,
                        true,
                        RecoveredWhen.NEW_LEADER_TAKES_WRITES),
                Arguments.of(
                        DrillScenario.SUPERVISOR_KILLED_MID_FAILOVER,
                        SupervisorKilledMidFailoverFault.class,
                        false,
                        RecoveredWhen.NEW_LEADER_TAKES_WRITES),
                Arguments.of(
                        DrillScenario.DISK_WRITES_REFUSED,
                        DiskWritesRefusedFault.class,
                        false,
                        RecoveredWhen.NEW_LEADER_TAKES_WRITES));
    }

    static Stream<Arguments> handovers() {
        RoleSamples.Sample before = new RoleSamples.Sample(900, "pg-0", RoleSamples.State.READ_ONLY);
        RoleSamples.Sample writable = new RoleSamples.Sample(1100, "pg-0", RoleSamples.State.WRITABLE);
        RoleSamples.Sample readOnly = new RoleSamples.Sample(1150, "pg-0", RoleSamples.State.READ_ONLY);
        RoleSamples.Sample unreachable = new RoleSamples.Sample(1150, "pg-0", RoleSamples.State.UNREACHABLE);
        RoleSamples.Sample otherReadOnly = new RoleSamples.Sample(1150, "pg-1", RoleSamples.State.READ_ONLY);
        return Stream.of(
                Arguments.of("no sample yet", List.of(), false),
                Arguments.of("still writable after the request", List.of(writable), false),
                Arguments.of("read-only only before the request", List.of(before, writable), false),
                Arguments.of("another node read-only", List.of(writable, otherReadOnly), false),
                Arguments.of("read-only after the request", List.of(writable, readOnly), true),
                Arguments.of("unreachable after the request", List.of(writable, unreachable), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handovers")
    void theOldPrimaryIsKilledOnceItStopsTakingWrites(String what, List<RoleSamples.Sample> samples, boolean begun) {
        assertThat(KillDuringSwitchoverFault.handoverBegun(samples, "pg-0", 1000))
                .isEqualTo(begun);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void eachScenarioHasItsFault(
            DrillScenario scenario, Class<?> strategy, boolean lasting, RecoveredWhen recoveredWhen) {
        DrillFault fault = DrillFaults.of(scenario);

        assertThat(fault).isInstanceOf(strategy);
        assertThat(fault.lasting()).as("lasting").isEqualTo(lasting);
        assertThat(fault.recoveredWhen()).isEqualTo(recoveredWhen);
        assertThat(fault.recoveredWhen() == RecoveredWhen.NEW_LEADER_TAKES_WRITES
                        || fault.recoveredWhen() == RecoveredWhen.THIRD_MEMBER_TAKES_WRITES)
                .as("waits for a new leader exactly when the scenario expects one")
                .isEqualTo(scenario.expectsNewLeader());
    }

    @Test
    void everyScenarioIsCovered() {
        assertThat(scenarios().map(a -> a.get()[0])).containsExactlyInAnyOrder((Object[]) DrillScenario.values());
    }

    /**
     * One candidate rule for every front door: the switchover drill (pgha drill and the console's Drills tab run the same
     * DrillRunner), `pgha switchover` without --to (the operation's plan) and the console's picker (Candidates.rank, whose
     * first eligible member it preselects) name the same member for the same snapshot, or all refuse.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("snapshots")
    void drillSwitchoverAndPickerChooseTheSameCandidate(String what, ClusterSnapshot s, String expected) {
        io.pgha.runtime.ops.OperationPlan plan = io.pgha.runtime.ops.OperationPlans.plan(
                new io.pgha.runtime.ops.OperationRequest.Switchover(
                        java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), true),
                s,
                CONNECTION,
                s.takenAt());
        java.util.Optional<String> picker = io.pgha.runtime.ops.Candidates.rank(s).stream()
                .filter(io.pgha.runtime.ops.Candidates.Ranked::eligible)
                .map(r -> r.member().name())
                .findFirst();
        if (expected.isEmpty()) {
            assertThatThrownBy(() -> SwitchoverFault.candidate(s))
                    .isInstanceOf(PghaException.class)
                    .hasMessageContaining("no replica can take over");
            assertThat(plan.allowed()).isFalse();
            assertThat(picker).isEmpty();
            return;
        }
        assertThat(SwitchoverFault.candidate(s)).isEqualTo(expected);
        assertThat(plan.target()).isEqualTo(expected);
        assertThat(picker).contains(expected);
    }

    static Stream<Arguments> snapshots() {
        Member leader = member("pg-0", Role.LEADER, "running", java.util.OptionalLong.empty());
        Member streaming2 = member("pg-2", Role.REPLICA, "streaming", java.util.OptionalLong.of(0));
        Member streaming1 = member("pg-1", Role.REPLICA, "streaming", java.util.OptionalLong.of(0));
        Member starting1 = member("pg-1", Role.REPLICA, "starting", java.util.OptionalLong.empty());
        Member quorum3 = member("pg-3", Role.QUORUM_STANDBY, "streaming", java.util.OptionalLong.of(4096));
        Member lagging1 = member("pg-1", Role.REPLICA, "streaming", java.util.OptionalLong.of(8L << 20));
        return Stream.of(
                Arguments.of(
                        "the least lag wins, then the name", snapshot("off", leader, streaming2, streaming1), "pg-1"),
                Arguments.of("a starting member cannot", snapshot("off", leader, starting1, streaming2), "pg-2"),
                Arguments.of(
                        "in quorum mode only a quorum standby",
                        snapshot("quorum", leader, streaming2, starting1, quorum3),
                        "pg-3"),
                Arguments.of("beyond maximum_lag_on_failover", snapshot("off", leader, lagging1, streaming2), "pg-2"),
                Arguments.of("nobody can", snapshot("off", leader, starting1), ""));
    }

    private static final io.pgha.runtime.cluster.ClusterConnection CONNECTION =
            new io.pgha.runtime.cluster.ClusterConnection(
                    "pg-ha",
                    "pg-ha",
                    List.of(),
                    java.util.Optional.empty(),
                    Map.of(
                            "pg-0",
                            "http://127.0.0.1:8008",
                            "pg-1",
                            "http://127.0.0.1:8009",
                            "pg-2",
                            "http://127.0.0.1:8010",
                            "pg-3",
                            "http://127.0.0.1:8011"),
                    java.util.Optional.empty(),
                    java.util.Optional.of("pg-ha"),
                    io.pgha.runtime.cluster.ClusterConnection.Origin.ATTACHED);

    private static Member member(String name, Role role, String state, java.util.OptionalLong lag) {
        return MemberBuilder.member(name, role, state)
                .timeline(4)
                .lsn(1000)
                .lag(lag)
                .build();
    }

    private static ClusterSnapshot snapshot(String syncMode, Member... members) {
        String[] sync = java.util.Arrays.stream(members)
                .filter(m -> m.role() == Role.QUORUM_STANDBY)
                .map(Member::name)
                .toArray(String[]::new);
        return SnapshotBuilder.snapshot()
                .takenAt(java.time.Instant.parse("2026-12-04T12:00:00Z"))
                .leader("pg-0")
                .members(members)
                .sync(syncMode, sync)
                .config("maximum_lag_on_failover", 1048576)
                .build();
    }

    @Test
    void quorumLossStopsTheSmallestMajority() {
        assertThat(EtcdQuorumLossFault.majority(List.of("etcd-1", "etcd-2", "etcd-3")))
                .containsExactly("etcd-1", "etcd-2");
        assertThat(EtcdQuorumLossFault.majority(List.of("e1", "e2", "e3", "e4", "e5")))
                .containsExactly("e1", "e2", "e3");
        assertThat(EtcdQuorumLossFault.majority(List.of("etcd-1"))).containsExactly("etcd-1");
    }

    @Test
    void theIsolatedPrimarysOwnAnswer() {
        assertThat(PartitionPrimaryFault.state("t")).isEqualTo(RoleSamples.State.WRITABLE);
        assertThat(PartitionPrimaryFault.state("f")).isEqualTo(RoleSamples.State.READ_ONLY);
        assertThat(PartitionPrimaryFault.state("psql: error: connection refused"))
                .isEqualTo(RoleSamples.State.UNREACHABLE);
    }

    @Test
    void aFaultIsHealedOnceButRetriedWhenTheHealFailed() {
        List<String> heals = new ArrayList<>();
        boolean[] fail = {true};
        InjectedFault fault = InjectedFault.healedBy(() -> {
            heals.add("heal");
            if (fail[0]) {
                throw new IllegalStateException("engine busy");
            }
        });

        assertThatThrownBy(fault::heal).isInstanceOf(IllegalStateException.class);
        fail[0] = false;
        fault.heal();
        fault.heal();

        assertThat(heals).hasSize(2);
    }

    @Test
    void aFaultsNoteOutlivesItsWatcher() {
        InjectedFault fault =
                InjectedFault.healedBy(() -> {}).withNote("tc tbf").watchedBy(new Thread(() -> {}));
        assertThat(fault.notes()).containsExactly("tc tbf");
    }
}
