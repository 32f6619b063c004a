package io.pgha.console.testing;

import io.pgha.runtime.drill.DrillResult;
import io.pgha.runtime.drill.DrillScenario;
import io.pgha.runtime.drill.HostDrillResult;
import io.pgha.runtime.drill.HostDrillScenario;
import io.pgha.runtime.drill.WriteGap;
import io.pgha.runtime.usecase.DisasterDrill;
import io.pgha.runtime.usecase.PitrDrill;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Drill results as the runtime measures them on the default stack: pg-0 fails, pg-1 takes over. */
public final class SampleDrills {

    private SampleDrills() {}

    /** A run that lost nothing: writes stop for {@code outageMillis} after the fault, then flow to the new leader. */
    public static DrillResult result(DrillScenario scenario, long outageMillis) {
        return result(scenario, outageMillis, 0, 0);
    }

    public static DrillResult result(
            DrillScenario scenario, long outageMillis, long lostWrites, long splitBrainSamples) {
        return new DrillResult(
                scenario,
                SampleCluster.T0,
                "pg-0",
                Optional.of("pg-1"),
                Duration.ofMillis(outageMillis),
                Optional.of(Duration.ofMillis(outageMillis * 3 / 4)),
                Optional.of(Duration.ofMillis(outageMillis + 40)),
                2_400,
                lostWrites,
                splitBrainSamples,
                Optional.of(Duration.ofSeconds(14)),
                false,
                180,
                List.of(),
                timeline(outageMillis));
    }

    /** From 5 s before the fault to 20 s after it, a write every 20 ms (one point per 100 ms) but for the outage. */
    public static List<WriteGap> timeline(long outageMillis) {
        List<WriteGap> gaps = new ArrayList<>();
        for (long at = -5_000; at <= 20_000; at += 100) {
            if (at > 0 && at < outageMillis) {
                continue;
            }
            boolean endsOutage = at >= outageMillis && at - 100 < outageMillis;
            gaps.add(new WriteGap(Duration.ofMillis(at), Duration.ofMillis(endsOutage ? outageMillis : 20)));
        }
        return gaps;
    }

    /** A pitr drill of demo into demo-pitr: {@code lost} rows acknowledged before T missing, restored in 95 s. */
    public static PitrDrill.Result pitr(long lost) {
        return new PitrDrill.Result(
                "demo",
                "demo-pitr",
                false,
                SampleCluster.T0,
                "20261205-080000F",
                1_250,
                lost,
                0,
                2,
                1_251 - lost,
                Duration.ofSeconds(95));
    }

    /** A disaster drill of demo: the newest 14 of 2,000 acknowledged rows lost over 1.3 s, writable after 130 s. */
    public static DisasterDrill.Result disaster(long outOfOrder) {
        return new DisasterDrill.Result(
                "demo",
                SampleCluster.T0,
                List.of("container pg-0", "volume demo_pg-0-data"),
                "20261205-080000F",
                2_000,
                14,
                outOfOrder,
                Optional.of(Duration.ofMillis(1_300)),
                1_987,
                Duration.ofSeconds(130));
    }

    /** A host drill on host th-1 (pg-0's): pg-1 on th-2 leads after {@code outageMillis}, nothing lost. */
    public static HostDrillResult host(HostDrillScenario scenario, long outageMillis) {
        boolean partition = scenario == HostDrillScenario.HOST_PARTITION;
        return new HostDrillResult(
                scenario,
                SampleCluster.T0,
                "th-1",
                "pg-0",
                "th-2",
                Optional.of("pg-1"),
                Optional.of("th-2"),
                Duration.ofMillis(outageMillis),
                Optional.of(Duration.ofMillis(outageMillis + 500)),
                partition ? Optional.of(Duration.ofMillis(outageMillis / 2)) : Optional.empty(),
                900,
                0,
                0,
                false,
                Optional.of(Duration.ofSeconds(61)),
                Optional.of(Duration.ofSeconds(40)),
                List.of());
    }
}
