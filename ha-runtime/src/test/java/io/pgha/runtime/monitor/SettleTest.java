package io.pgha.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.testsupport.SnapshotBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When a polled source's report is merged: at once until the members are known, after the round's pause then. */
class SettleTest {

    @Test
    void reportsMergeAtOnceUntilTheMembersAreKnown() {
        assertThat(LiveClusterMonitor.settleFor(SnapshotBuilder.snapshot().build()))
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void onceTheMembersAreKnownAReportWaitsForTheRestOfItsRound() {
        assertThat(LiveClusterMonitor.settleFor(Snapshots.healthy().build())).isEqualTo(Duration.ofMillis(150));
    }
}
