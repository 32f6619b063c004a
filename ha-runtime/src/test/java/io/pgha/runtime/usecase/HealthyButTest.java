package io.pgha.runtime.usecase;

import static io.pgha.runtime.testsupport.MemberBuilder.member;
import static io.pgha.runtime.testsupport.SnapshotBuilder.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Role;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Before a member is replaced only the others must be healthy: the member replaced may be the broken one (pgha replace
 * of a member whose data is unusable, or whose container an interrupted replace stopped).
 */
class HealthyButTest {

    private static ClusterSnapshot withPg1(String state, long lag) {
        return snapshot()
                .leader("pg-0")
                .members(
                        member("pg-0", Role.LEADER, "running").build(),
                        member("pg-1", Role.REPLICA, state).lag(lag).build(),
                        member("pg-2", Role.REPLICA, "streaming").lag(0).build())
                .build();
    }

    @Test
    void aBrokenMemberBlocksEveryStepButItsOwnReplacement() {
        for (String broken : new String[] {"stopped", "start failed", "crashed", "starting"}) {
            ClusterSnapshot s = withPg1(broken, 0);
            assertThat(RollingSteps.healthyBut(s, Optional.empty()))
                    .as("pg-1 " + broken + ": not healthy")
                    .isFalse();
            assertThat(RollingSteps.healthyBut(s, Optional.of("pg-1")))
                    .as("pg-1 " + broken + ": healthy enough to replace pg-1")
                    .isTrue();
            assertThat(RollingSteps.healthyBut(s, Optional.of("pg-2")))
                    .as("pg-1 " + broken + ": not healthy enough to replace pg-2")
                    .isFalse();
        }
    }

    @Test
    void theOthersStillHaveToStreamWithASmallLagAndTheLeaderToRun() {
        assertThat(RollingSteps.healthyBut(withPg1("streaming", RollingSteps.MAX_LAG + 1), Optional.of("pg-2")))
                .isFalse();
        assertThat(RollingSteps.healthyBut(withPg1("streaming", 0), Optional.of("pg-2")))
                .isTrue();
        ClusterSnapshot noLeaderRunning = snapshot()
                .leader("pg-0")
                .members(
                        member("pg-0", Role.LEADER, "stopped").build(),
                        member("pg-1", Role.REPLICA, "streaming").lag(0).build())
                .build();
        assertThat(RollingSteps.healthyBut(noLeaderRunning, Optional.of("pg-0")))
                .isFalse();
    }

    @Test
    void aMemberGoneFromPatroniIsNoReplicaToWaitFor() {
        ClusterSnapshot gone = snapshot()
                .leader("pg-0")
                .members(
                        member("pg-0", Role.LEADER, "running").build(),
                        member("pg-2", Role.REPLICA, "streaming").lag(0).build())
                .build();
        assertThat(RollingSteps.healthyBut(gone, Optional.of("pg-1"))).isTrue();
    }
}
