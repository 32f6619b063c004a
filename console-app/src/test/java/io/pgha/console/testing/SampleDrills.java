package io.pgha.console.testing;

import io.pgha.runtime.drill.DrillResult;
import io.pgha.runtime.drill.DrillScenario;
import io.pgha.runtime.drill.WriteGap;
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
}
