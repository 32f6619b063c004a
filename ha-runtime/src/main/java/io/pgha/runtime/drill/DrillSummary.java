package io.pgha.runtime.drill;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Median and maximum of the figures of several runs of one drill. */
public record DrillSummary(
        DrillScenario scenario,
        int runs,
        Figure writeOutage,
        Figure newLeaderAfter,
        Figure routerFlipAfter,
        Figure healedAfter,
        long lostWritesTotal,
        long splitBrainRuns) {

    /** Median and max of one figure; empty when no run had it. */
    public record Figure(Optional<Duration> median, Optional<Duration> max) {}

    public static DrillSummary of(DrillScenario scenario, List<DrillResult> results) {
        return new DrillSummary(
                scenario,
                results.size(),
                figure(results, r -> Optional.of(r.writeOutage())),
                figure(results, DrillResult::newLeaderAfter),
                figure(results, DrillResult::routerFlipAfter),
                figure(results, DrillResult::healedAfter),
                results.stream().mapToLong(DrillResult::lostWrites).sum(),
                results.stream().filter(DrillResult::splitBrain).count());
    }

    private static Figure figure(List<DrillResult> results, Function<DrillResult, Optional<Duration>> f) {
        List<Duration> values =
                results.stream().map(f).flatMap(Optional::stream).sorted().toList();
        if (values.isEmpty()) {
            return new Figure(Optional.empty(), Optional.empty());
        }
        int n = values.size();
        Duration median = n % 2 == 1
                ? values.get(n / 2)
                : values.get(n / 2 - 1).plus(values.get(n / 2)).dividedBy(2);
        return new Figure(Optional.of(median), Optional.of(values.get(n - 1)));
    }
}
