package io.pgha.runtime.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
                Arguments.of(DrillScenario.KILL_PRIMARY, KillPrimaryFault.class, false, RecoveredWhen.NEW_LEADER_TAKES_WRITES),
                Arguments.of(DrillScenario.STOP_PRIMARY, StopPrimaryFault.class, false, RecoveredWhen.NEW_LEADER_TAKES_WRITES),
                Arguments.of(DrillScenario.CRASH_POSTGRES, CrashPostgresFault.class, false, RecoveredWhen.WRITABLE_AGAIN),
                Arguments.of(DrillScenario.PARTITION_PRIMARY, PartitionPrimaryFault.class, true, RecoveredWhen.NEW_LEADER_TAKES_WRITES),
                Arguments.of(DrillScenario.FREEZE_PRIMARY, FreezePrimaryFault.class, true, RecoveredWhen.AT_ONCE),
                Arguments.of(DrillScenario.ETCD_MINORITY, EtcdMinorityFault.class, true, RecoveredWhen.AT_ONCE),
                Arguments.of(DrillScenario.ETCD_QUORUM_LOSS, EtcdQuorumLossFault.class, true, RecoveredWhen.AT_ONCE),
                Arguments.of(DrillScenario.SWITCHOVER, SwitchoverFault.class, false, RecoveredWhen.NEW_LEADER_TAKES_WRITES));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void eachScenarioHasItsFault(DrillScenario scenario, Class<?> strategy, boolean lasting, RecoveredWhen recoveredWhen) {
        DrillFault fault = DrillFaults.of(scenario);

        assertThat(fault).isInstanceOf(strategy);
        assertThat(fault.lasting()).as("lasting").isEqualTo(lasting);
        assertThat(fault.recoveredWhen()).isEqualTo(recoveredWhen);
        assertThat(fault.recoveredWhen() == RecoveredWhen.NEW_LEADER_TAKES_WRITES)
                .as("waits for a new leader exactly when the scenario expects one").isEqualTo(scenario.expectsNewLeader());
    }

    @Test
    void everyScenarioIsCovered() {
        assertThat(scenarios().map(a -> a.get()[0])).containsExactlyInAnyOrder((Object[]) DrillScenario.values());
    }

    @Test
    void theSwitchoverGoesToTheFirstStreamingReplicaByName() {
        Map<String, DrillPatroni.MemberView> members = new LinkedHashMap<>();
        members.put("pg-0", new DrillPatroni.MemberView("pg-0", "leader", "running", 4));
        members.put("pg-2", new DrillPatroni.MemberView("pg-2", "replica", "streaming", 4));
        members.put("pg-1", new DrillPatroni.MemberView("pg-1", "replica", "starting", 4));
        members.put("pg-3", new DrillPatroni.MemberView("pg-3", "sync_standby", "streaming", 4));

        assertThat(SwitchoverFault.candidate(members)).isEqualTo("pg-2");
        assertThatThrownBy(() -> SwitchoverFault.candidate(Map.of("pg-0", members.get("pg-0"))))
                .isInstanceOfSatisfying(PghaException.class, e -> assertThat(e.kind()).isEqualTo(PghaException.Kind.UNAVAILABLE))
                .hasMessageContaining("no streaming replica");
    }

    @Test
    void quorumLossStopsTheSmallestMajority() {
        assertThat(EtcdQuorumLossFault.majority(List.of("etcd-1", "etcd-2", "etcd-3"))).containsExactly("etcd-1", "etcd-2");
        assertThat(EtcdQuorumLossFault.majority(List.of("e1", "e2", "e3", "e4", "e5"))).containsExactly("e1", "e2", "e3");
        assertThat(EtcdQuorumLossFault.majority(List.of("etcd-1"))).containsExactly("etcd-1");
    }

    @Test
    void theIsolatedPrimarysOwnAnswer() {
        assertThat(PartitionPrimaryFault.state("t")).isEqualTo(RoleSamples.State.WRITABLE);
        assertThat(PartitionPrimaryFault.state("f")).isEqualTo(RoleSamples.State.READ_ONLY);
        assertThat(PartitionPrimaryFault.state("psql: error: connection refused")).isEqualTo(RoleSamples.State.UNREACHABLE);
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
}
