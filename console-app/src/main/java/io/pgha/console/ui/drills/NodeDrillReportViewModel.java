package io.pgha.console.ui.drills;

import io.pgha.console.ui.common.Formats;
import io.pgha.console.ui.common.Tone;
import io.pgha.runtime.drill.DrillResult;
import io.pgha.runtime.drill.DrillScenario;
import io.pgha.runtime.drill.DrillSummary;
import io.pgha.runtime.drill.WriteGap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the node drills (a fault of one node or etcd member) show in the Drills tab: a row per run, the figures over all
 * runs, each run's write gaps and the verdict (named a view model: the console's layering lets only view models read the
 * runtime).
 */
final class NodeDrillReportViewModel {

    /** Points per run in the chart; the longest gaps are always kept. */
    static final int MAX_POINTS = 400;
    /** docs/DESIGN targets: a killed primary within 5 s, a planned switchover within 1 s. */
    private static final Duration OUTAGE_TARGET = Duration.ofSeconds(5);

    private static final Duration SWITCHOVER_TARGET = Duration.ofSeconds(1);

    static final List<String> COLUMNS = List.of(
            "Leader", "Write outage", "New leader", "Router flip", "Rows missing", "Split brain", "Healed", "Notes");

    private NodeDrillReportViewModel() {}

    /** What the drill says at the end over all its runs. */
    static String summary(DrillSummary s, int runs) {
        return s.scenario().cliName() + ": " + runs + (runs == 1 ? " run" : " runs") + ", write outage "
                + figure(s.writeOutage(), runs) + ", " + s.lostWritesTotal() + " acknowledged rows missing"
                + (s.splitBrainRuns() > 0 ? ", SPLIT BRAIN in " + s.splitBrainRuns() : "");
    }

    static DrillRunRow row(int run, DrillResult r) {
        boolean missingLeader = r.scenario().expectsNewLeader()
                && r.newLeader().filter(l -> !l.equals(r.oldLeader())).isEmpty();
        Tone tone = outageTone(r.scenario(), r.writeOutage());
        if (missingLeader || r.healedAfter().isEmpty()) {
            tone = tone.worse(Tone.WARN);
        }
        if (r.lostWrites() > 0 || r.splitBrain()) {
            tone = Tone.FAIL;
        }
        return new DrillRunRow(
                run,
                r.oldLeader() + " → " + r.newLeader().orElse("-"),
                Formats.duration(r.writeOutage()),
                r.newLeaderAfter().map(Formats::duration).orElse("none"),
                r.routerFlipAfter().map(Formats::duration).orElse("none"),
                r.lostWrites() + " of " + r.acknowledgedWrites(),
                r.splitBrain() ? "YES (" + r.splitBrainSamples() + ")" : "no",
                r.healedAfter().map(Formats::duration).orElse("not in time"),
                String.join("; ", r.notes()),
                tone);
    }

    /** The figures over all runs so far: one value for one run, median and maximum for more. */
    static List<DrillFigure> figures(DrillSummary s, List<DrillResult> results) {
        int n = s.runs();
        DrillScenario scenario = s.scenario();
        List<DrillFigure> f = new ArrayList<>();
        Duration target = scenario == DrillScenario.SWITCHOVER ? SWITCHOVER_TARGET : OUTAGE_TARGET;
        f.add(new DrillFigure(
                "write outage",
                figure(s.writeOutage(), n) + " (target ≤ " + Formats.duration(target) + ")",
                s.writeOutage().median().map(m -> outageTone(scenario, m)).orElse(Tone.UNKNOWN)));
        f.add(new DrillFigure(
                "time to new leader",
                figure(s.newLeaderAfter(), n),
                s.newLeaderAfter().median().isPresent()
                        ? Tone.OK
                        : scenario.expectsNewLeader() ? Tone.WARN : Tone.UNKNOWN));
        f.add(new DrillFigure(
                "router flip",
                figure(s.routerFlipAfter(), n),
                s.routerFlipAfter().median().isPresent()
                        ? Tone.OK
                        : scenario.expectsNewLeader() ? Tone.WARN : Tone.UNKNOWN));
        long acknowledged =
                results.stream().mapToLong(DrillResult::acknowledgedWrites).sum();
        f.add(new DrillFigure(
                "rows missing (RPO)",
                s.lostWritesTotal() + " of " + acknowledged + " acknowledged",
                s.lostWritesTotal() == 0 ? Tone.OK : Tone.FAIL));
        f.add(new DrillFigure(
                "split brain",
                s.splitBrainRuns() == 0 ? "never" : "in " + s.splitBrainRuns() + " of " + n + " runs",
                s.splitBrainRuns() == 0 ? Tone.OK : Tone.FAIL));
        long healed = results.stream().filter(r -> r.healedAfter().isPresent()).count();
        f.add(new DrillFigure(
                "time to healed",
                figure(s.healedAfter(), n) + (healed < n ? " (" + (n - healed) + " not in time)" : ""),
                healed == n ? Tone.OK : Tone.WARN));
        if (scenario == DrillScenario.ETCD_MINORITY || scenario == DrillScenario.ETCD_QUORUM_LOSS) {
            long refused = results.stream()
                    .filter(DrillResult::writesRefusedDuringFault)
                    .count();
            f.add(new DrillFigure(
                    "writes during the fault",
                    refused == 0 ? "accepted" : "refused in " + refused + " of " + n + " runs",
                    Tone.UNKNOWN));
            f.add(new DrillFigure(
                    "reads during the fault",
                    String.valueOf(results.stream()
                            .mapToLong(DrillResult::readsDuringFault)
                            .sum()),
                    Tone.UNKNOWN));
        }
        return f;
    }

    private static String figure(DrillSummary.Figure figure, int runs) {
        if (figure.median().isEmpty()) {
            return "none";
        }
        return runs == 1
                ? Formats.duration(figure.median().get())
                : "median " + Formats.duration(figure.median().get()) + " · max "
                        + Formats.duration(figure.max().orElseThrow());
    }

    private static Tone outageTone(DrillScenario scenario, Duration outage) {
        Duration target = scenario == DrillScenario.SWITCHOVER ? SWITCHOVER_TARGET : OUTAGE_TARGET;
        return outage.compareTo(target) <= 0 ? Tone.OK : Tone.WARN;
    }

    /** Every point, or the longest gap of each run of points when there are more than {@code max}: outages stay visible. */
    static List<GapSeries.Point> points(List<WriteGap> gaps, int max) {
        int stride = Math.max(1, (gaps.size() + max - 1) / max);
        List<GapSeries.Point> points = new ArrayList<>(gaps.size() / stride + 1);
        for (int i = 0; i < gaps.size(); i += stride) {
            WriteGap peak = gaps.get(i);
            for (int j = i + 1; j < Math.min(i + stride, gaps.size()); j++) {
                if (gaps.get(j).gap().compareTo(peak.gap()) > 0) {
                    peak = gaps.get(j);
                }
            }
            points.add(new GapSeries.Point(
                    peak.at().toMillis() / 1000.0, peak.gap().toMillis() / 1000.0));
        }
        return points;
    }
}
