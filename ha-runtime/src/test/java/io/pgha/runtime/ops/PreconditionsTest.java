package io.pgha.runtime.ops;

import static io.pgha.runtime.ops.Snapshots.CONNECTION;
import static io.pgha.runtime.ops.Snapshots.NOW;
import static io.pgha.runtime.ops.Snapshots.member;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Role;
import io.pgha.runtime.ops.OperationRequest.ChangeConfig;
import io.pgha.runtime.ops.OperationRequest.Failover;
import io.pgha.runtime.ops.OperationRequest.Pause;
import io.pgha.runtime.ops.OperationRequest.Reinitialize;
import io.pgha.runtime.ops.OperationRequest.Restart;
import io.pgha.runtime.ops.OperationRequest.RestartKind;
import io.pgha.runtime.ops.OperationRequest.Resume;
import io.pgha.runtime.ops.OperationRequest.Switchover;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PreconditionsTest {

    private static OperationPlan plan(OperationRequest r, ClusterSnapshot s) {
        return Preconditions.plan(r, s, CONNECTION, NOW);
    }

    private static String refusal(OperationRequest r, ClusterSnapshot s) {
        OperationPlan p = plan(r, s);
        assertThat(p.allowed()).as("refused: " + r).isFalse();
        return p.refusal().orElseThrow();
    }

    @Test
    void switchoverToTheLeaderAnUnknownOrAStoppedMemberIsRefusedWithTheReason() {
        ClusterSnapshot healthy = Snapshots.healthy().build();
        assertThat(refusal(Switchover.to("pg-0"), healthy)).isEqualTo("pg-0 is already the leader");
        assertThat(refusal(Switchover.to("pg-9"), healthy))
                .isEqualTo("unknown member 'pg-9': the members are pg-0, pg-1, pg-2");
        ClusterSnapshot stopped =
                Snapshots.healthy().without("pg-2").container("pg-2", "exited").build();
        assertThat(refusal(Switchover.to("pg-2"), stopped)).isEqualTo("pg-2 is not running (its container is exited)");
        ClusterSnapshot stopping = Snapshots.healthy()
                .replace(member("pg-2", Role.REPLICA, "stopped", OptionalLong.empty(), Map.of()))
                .build();
        assertThat(refusal(Switchover.to("pg-2"), stopping)).isEqualTo("pg-2 is not running (state stopped)");
    }

    @Test
    void aPausedClusterOrAPendingSwitchoverRefusesSwitchoverAndFailover() {
        assertThat(refusal(Switchover.to("pg-1"), Snapshots.healthy().paused().build()))
                .contains("paused")
                .contains("pgha resume");
        assertThat(refusal(
                        Switchover.to("pg-1"),
                        Snapshots.healthy().pending("pg-0", "pg-2").build()))
                .contains("already pending (pg-0 → pg-2")
                .contains("--cancel");
        ClusterSnapshot leaderless =
                Snapshots.healthy().leader(Optional.empty()).paused().build();
        assertThat(refusal(new Failover("pg-1"), leaderless)).contains("paused");
    }

    @Test
    void switchoverNeedsARunningLeaderAndTheLeaderTheUserSaw() {
        ClusterSnapshot noLeader = Snapshots.healthy().leader(Optional.empty()).build();
        assertThat(refusal(Switchover.to("pg-1"), noLeader))
                .contains("no running leader")
                .contains("use failover");
        Switchover expectingPg2 = new Switchover(Optional.of("pg-1"), Optional.empty(), Optional.of("pg-2"), true);
        assertThat(refusal(expectingPg2, Snapshots.healthy().build()))
                .isEqualTo("the leader changed: pg-0 leads now, not pg-2");
        Switchover past = new Switchover(Optional.of("pg-1"), Optional.of(NOW.minusSeconds(1)), Optional.empty(), true);
        assertThat(refusal(past, Snapshots.healthy().build())).contains("not in the future");
    }

    @Test
    void switchoverWithoutACandidateTakesTheBestAndWarnsOfTheWriteOutage() {
        OperationPlan p = plan(
                new Switchover(Optional.empty(), Optional.empty(), Optional.empty(), false),
                Snapshots.healthy().build());
        assertThat(p.allowed()).isTrue();
        assertThat(p.target()).isEqualTo("pg-1");
        assertThat(p.summary()).isEqualTo("switch over from pg-0 to pg-1");
        assertThat(p.needsConfirmation()).isTrue();
        assertThat(p.warnings()).singleElement().asString().contains("writes stop");
    }

    @Test
    void failoverOnlyWithoutAHealthyLeader() {
        assertThat(refusal(new Failover("pg-1"), Snapshots.healthy().build()))
                .contains("pg-0 leads and is running: use switchover");
        ClusterSnapshot leaderDown = Snapshots.healthy()
                .leader(Optional.empty())
                .replace(member("pg-0", Role.REPLICA, "stopped", OptionalLong.empty(), Map.of()))
                .build();
        OperationPlan p = plan(new Failover("pg-1"), leaderDown);
        assertThat(p.allowed()).isTrue();
        assertThat(p.needsConfirmation()).isFalse();
        assertThat(p.warnings()).singleElement().asString().contains("are lost");
        assertThat(refusal(new Failover("pg-0"), leaderDown)).contains("not running");
    }

    @Test
    void restartingTheLeaderWarnsAndNeedsAConfirmationAReplicaDoesNot() {
        ClusterSnapshot s = Snapshots.healthy().build();
        OperationPlan leader = plan(Restart.postgres("pg-0"), s);
        assertThat(leader.needsConfirmation()).isTrue();
        assertThat(leader.warnings())
                .singleElement()
                .asString()
                .contains("is the leader")
                .contains("writes stop");
        OperationPlan container = plan(Restart.container("pg-0"), s);
        assertThat(container.warnings()).singleElement().asString().contains("failover");
        assertThat(plan(Restart.postgres("pg-1"), s).needsConfirmation()).isFalse();
        assertThat(plan(Restart.container("pg-1"), s).allowed()).isTrue();
    }

    @Test
    void restartRulesForPendingRestartsAndContainers() {
        ClusterSnapshot s = Snapshots.healthy().build();
        assertThat(plan(new Restart("pg-1", RestartKind.POSTGRES, true, false), s)
                        .nothingToDo())
                .contains("pg-1 has no pending restart");
        assertThat(refusal(new Restart("pg-1", RestartKind.CONTAINER, true, false), s))
                .contains("only a PostgreSQL restart");
        ClusterConnection noDocker = new ClusterConnection(
                "x",
                "pg-ha",
                List.of(),
                Optional.empty(),
                CONNECTION.patroniUrls(),
                Optional.empty(),
                Optional.empty(),
                ClusterConnection.Origin.ATTACHED);
        OperationPlan p = Preconditions.plan(Restart.container("pg-1"), s, noDocker, NOW);
        assertThat(p.refusal()).hasValueSatisfying(r -> assertThat(r).contains("does not run on it"));
    }

    @Test
    void reinitialiseOnlyAReplicaWithALeaderToCloneFrom() {
        ClusterSnapshot s = Snapshots.healthy().build();
        assertThat(refusal(new Reinitialize("pg-0"), s)).contains("pg-0 is the leader");
        assertThat(plan(new Reinitialize("pg-2"), s).summary()).isEqualTo("reinitialise pg-2 from the leader pg-0");
        assertThat(refusal(
                        new Reinitialize("pg-2"),
                        Snapshots.healthy().leader(Optional.empty()).build()))
                .contains("no running leader");
    }

    @Test
    void pauseAndResumeAreNoOpsWhenAlreadySo() {
        assertThat(plan(new Pause(), Snapshots.healthy().paused().build()).nothingToDo())
                .isPresent();
        assertThat(plan(new Resume(), Snapshots.healthy().build()).nothingToDo())
                .isPresent();
        assertThat(plan(new Pause(), Snapshots.healthy().build()).allowed()).isTrue();
        assertThat(plan(new Resume(), Snapshots.healthy().paused().build()).nothingToDo())
                .isEmpty();
    }

    @Test
    void configChangesAreRefusedWithPatronisRule() {
        String why = refusal(
                new ChangeConfig(Map.of("loop_wait", "20", "ttl", "20")),
                Snapshots.healthy().build());
        assertThat(why)
                .contains("loop_wait + 2·retry_timeout must not exceed ttl")
                .contains("20 + 2·5 = 30 > ttl 20");
        OperationPlan restart = plan(
                new ChangeConfig(Map.of("postgresql.parameters.max_connections", "300")),
                Snapshots.healthy().build());
        assertThat(restart.warnings())
                .singleElement()
                .asString()
                .contains("max_connections takes effect only after a restart");
    }

    @Test
    void aWeakeningConfigChangeNeedsAConfirmationAndSaysWhatItWeakens() {
        OperationPlan weaker = plan(
                new ChangeConfig(Map.of("postgresql.parameters.fsync", "off", "loop_wait", "3")),
                Snapshots.healthy().build());
        assertThat(weaker.needsConfirmation()).isTrue();
        assertThat(weaker.warnings())
                .singleElement()
                .asString()
                .startsWith("weakens durability: postgresql.parameters.fsync (unset) → off: a crash");
        OperationPlan harmless = plan(
                new ChangeConfig(Map.of("loop_wait", "3")), Snapshots.healthy().build());
        assertThat(harmless.needsConfirmation()).isFalse();
        assertThat(harmless.warnings()).isEmpty();
        assertThat(new ChangeConfig(Map.of("postgresql.parameters.fsync", "off"))
                        .confirm()
                        .parameters())
                .containsEntry("confirmed", "true");
    }

    @Test
    void nothingIsPlannedWhenTheClusterCannotBeSeen() {
        ClusterSnapshot empty = Snapshots.healthy()
                .without("pg-0")
                .without("pg-1")
                .without("pg-2")
                .build();
        assertThat(refusal(new Pause(), empty))
                .contains("cannot see the cluster's members")
                .doesNotContain("nothing was sent");
    }
}
