package io.pgha.runtime.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.drill.DrillScenario;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ChaosReportTest {

    private static final ChaosReport.Counters CLEAN = new ChaosReport.Counters(100, 0, 0, 50, 20, 3, 0, 0);

    @Test
    void availabilityIsTheShareOfSecondsWithAnAcknowledgedWrite() {
        long[] acks = {100, 900, 1500, 4200, 4300, 9999};
        // seconds 0, 1, 4 and 9 of 10 had a write
        assertThat(ChaosReport.availabilityPercent(acks, 10_000, 1000)).isEqualTo(40.0);
        assertThat(ChaosReport.availabilityPercent(acks, 3_000, 1000)).isEqualTo(66.67);
        assertThat(ChaosReport.availabilityPercent(new long[0], 5_000, 1000)).isZero();
    }

    @Test
    void outageIsTheLongestGapThatBeganInTheFaultsWindow() {
        long[] acks = {0, 100, 200, 3200, 3300, 9000, 9100};
        assertThat(ChaosReport.outageMs(acks, 10_000, 150, 3250)).isEqualTo(3000);
        assertThat(ChaosReport.outageMs(acks, 10_000, 3250, 5000))
                .as("a gap that began in the window and ended after it")
                .isEqualTo(5700);
        assertThat(ChaosReport.outageMs(acks, 10_000, 5000, 9050))
                .as("a gap that began before the window belongs to the fault before")
                .isEqualTo(100);
        assertThat(ChaosReport.outageMs(acks, 10_000, 9050, 10_000))
                .as("writes that never came back: until the run's end")
                .isEqualTo(900);
    }

    @Test
    void mediansOfOddAndEvenCounts() {
        assertThat(ChaosReport.median(List.of(5L, 1L, 3L))).contains(3L);
        assertThat(ChaosReport.median(List.of(4L, 1L, 3L, 10L))).contains(3L);
        assertThat(ChaosReport.median(List.of())).isEmpty();
    }

    @Test
    void perKindSummaryTimelineAndVerdict() {
        ChaosPlan plan =
                ChaosPlan.of(7, Duration.ofSeconds(60), List.of(DrillScenario.KILL_PRIMARY, DrillScenario.SWITCHOVER));
        long[] acks = LongStream.concat(
                        LongStream.concat(
                                LongStream.rangeClosed(0, 50).map(i -> i * 100), // 0..5000
                                LongStream.rangeClosed(0, 100).map(i -> 7000 + i * 100)), // gap 2000 ms; to 17000
                        LongStream.rangeClosed(0, 424).map(i -> 17_500 + i * 100)) // gap 500 ms; to 59900
                .toArray();
        List<ChaosReport.FaultRun> runs = List.of(
                new ChaosReport.FaultRun(DrillScenario.KILL_PRIMARY, "pg-0", 4900, 10_000, Optional.of(25_000L)),
                new ChaosReport.FaultRun(DrillScenario.SWITCHOVER, "pg-1", 17_000, 20_000, Optional.of(21_000L)),
                new ChaosReport.FaultRun(DrillScenario.KILL_PRIMARY, "pg-2", 30_000, 35_000, Optional.empty()));
        ChaosReport r = ChaosReport.of(plan, 60_000, acks, runs, CLEAN, Optional.of(1500L), List.of());

        assertThat(r.passed()).isTrue();
        assertThat(r.faultsInjected()).isEqualTo(3);
        ChaosReport.KindSummary kill = r.byFault().get("kill-primary");
        assertThat(kill.count()).isEqualTo(2);
        assertThat(kill.writeOutageMaxMs()).isEqualTo(2000);
        assertThat(kill.writeOutageMedianMs()).isEqualTo((2000 + 100) / 2);
        assertThat(kill.timeToHealthyMedianMs()).contains(20_100L);
        assertThat(kill.notHealthy()).isEqualTo(1);
        ChaosReport.KindSummary switchover = r.byFault().get("switchover");
        assertThat(switchover.writeOutageMaxMs()).isEqualTo(500);
        assertThat(switchover.timeToHealthyMaxMs()).contains(4000L);
        assertThat(r.timeline())
                .filteredOn(e -> e.event().equals("write-gap"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.atMs()).isEqualTo(5000);
                    assertThat(e.lengthMs()).contains(2000L);
                });
        assertThat(r.timeline()).extracting(ChaosReport.TimelineEvent::atMs).isSorted();
        assertThat(r.timeline()).filteredOn(e -> e.event().equals("injected")).hasSize(3);
    }

    @Test
    void anyCounterAboveZeroOrAnUnhealthyEndFails() {
        ChaosPlan plan = ChaosPlan.of(1, Duration.ofSeconds(30), List.of(DrillScenario.SWITCHOVER));
        long[] acks = {0, 1000};
        List<ChaosReport.Counters> bad = List.of(
                new ChaosReport.Counters(2, 1, 0, 0, 0, 0, 0, 0),
                new ChaosReport.Counters(2, 0, 1, 0, 0, 0, 0, 0),
                new ChaosReport.Counters(2, 0, 0, 0, 0, 0, 1, 0),
                new ChaosReport.Counters(2, 0, 0, 0, 0, 0, 0, 1));
        for (ChaosReport.Counters c : bad) {
            assertThat(ChaosReport.of(plan, 2000, acks, List.of(), c, Optional.of(0L), List.of())
                            .passed())
                    .as(c.toString())
                    .isFalse();
        }
        assertThat(ChaosReport.of(plan, 2000, acks, List.of(), CLEAN, Optional.empty(), List.of())
                        .passed())
                .isFalse();
        assertThat(ChaosReport.of(plan, 2000, acks, List.of(), CLEAN, Optional.of(0L), List.of())
                        .passed())
                .isTrue();
    }
}
