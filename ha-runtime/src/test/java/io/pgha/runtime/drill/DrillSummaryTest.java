package io.pgha.runtime.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.postgres.WriteLoad;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DrillSummaryTest {

    private static DrillResult result(long outageMs, long lost, long splitBrain) {
        return new DrillResult(
                DrillScenario.KILL_PRIMARY,
                java.time.Instant.EPOCH,
                "pg-0",
                Optional.of("pg-1"),
                Duration.ofMillis(outageMs),
                Optional.of(Duration.ofMillis(outageMs / 2)),
                Optional.empty(),
                100,
                lost,
                splitBrain,
                Optional.of(Duration.ofSeconds(10)),
                false,
                0,
                List.of());
    }

    @Test
    void medianAndMaxOverRuns() {
        DrillSummary s = DrillSummary.of(
                DrillScenario.KILL_PRIMARY, List.of(result(3000, 0, 0), result(1000, 0, 0), result(2000, 2, 1)));
        assertThat(s.writeOutage().median()).contains(Duration.ofMillis(2000));
        assertThat(s.writeOutage().max()).contains(Duration.ofMillis(3000));
        assertThat(s.routerFlipAfter().median()).isEmpty();
        assertThat(s.lostWritesTotal()).isEqualTo(2);
        assertThat(s.splitBrainRuns()).isEqualTo(1);
    }

    @Test
    void evenNumberOfRunsAveragesTheMiddleTwo() {
        DrillSummary s = DrillSummary.of(DrillScenario.KILL_PRIMARY, List.of(result(1000, 0, 0), result(2000, 0, 0)));
        assertThat(s.writeOutage().median()).contains(Duration.ofMillis(1500));
    }

    @Test
    void longestGapCountsOnlyGapsEndingAfterTheFault() {
        List<WriteLoad.Ack> acks = List.of(
                new WriteLoad.Ack(1, 0, "a"),
                new WriteLoad.Ack(2, 5_000_000_000L, "a"),
                new WriteLoad.Ack(3, 6_000_000_000L, "a"),
                new WriteLoad.Ack(4, 8_500_000_000L, "b"),
                new WriteLoad.Ack(5, 8_600_000_000L, "b"));
        assertThat(DrillRunner.longestGap(acks, 5_500_000_000L)).isEqualTo(Duration.ofMillis(2500));
    }
}
