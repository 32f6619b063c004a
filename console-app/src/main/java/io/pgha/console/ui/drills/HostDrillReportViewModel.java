package io.pgha.console.ui.drills;

import io.pgha.console.ui.common.Formats;
import io.pgha.console.ui.common.Tone;
import io.pgha.runtime.drill.HostDrillResult;
import io.pgha.runtime.drill.HostDrillScenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the host drills ({@code host-down}, {@code host-partition}) show in the Drills tab: a row per run and the figures
 * over all runs, from the runtime's results and verdict (named a view model: the console's layering lets only view
 * models read the runtime).
 */
final class HostDrillReportViewModel {

    static final List<String> COLUMNS = List.of(
            "Host (leader) → leader",
            "Write outage",
            "New leader",
            "Old primary refused",
            "Rows missing",
            "Split brain",
            "Rejoined",
            "Verdict");

    private HostDrillReportViewModel() {}

    static DrillRunRow row(int run, HostDrillResult r) {
        List<String> notes = new ArrayList<>(r.failures());
        notes.addAll(r.notes());
        return new DrillRunRow(
                run,
                r.host() + " (" + r.oldLeader() + ") → " + r.newLeader().orElse("-")
                        + r.newLeaderHost().map(h -> " on " + h).orElse(""),
                Formats.duration(r.writeOutage()),
                r.newLeaderAfter().map(Formats::duration).orElse("none"),
                r.oldLeaderRefusedAfter().map(Formats::duration).orElse("-"),
                r.lostWrites() + " of " + r.acknowledgedWrites(),
                r.splitBrainSamples() > 0 ? "YES (" + r.splitBrainSamples() + ")" : "no",
                r.rejoinedAfterHeal().map(Formats::duration).orElse("not in time"),
                (r.passed() ? "passed" : "FAILED") + (notes.isEmpty() ? "" : ": " + String.join("; ", notes)),
                r.passed() ? Tone.OK : Tone.FAIL);
    }

    static List<DrillFigure> figures(List<HostDrillResult> results) {
        int n = results.size();
        List<DrillFigure> f = new ArrayList<>();
        f.add(new DrillFigure(
                "write outage",
                figure(results.stream().map(HostDrillResult::writeOutage).toList()),
                Tone.UNKNOWN));
        List<Duration> leader =
                present(results.stream().map(HostDrillResult::newLeaderAfter).toList());
        f.add(new DrillFigure("time to new leader", figure(leader), leader.size() == n ? Tone.OK : Tone.FAIL));
        if (results.stream().anyMatch(r -> r.scenario() == HostDrillScenario.HOST_PARTITION)) {
            List<Duration> refused = present(
                    results.stream().map(HostDrillResult::oldLeaderRefusedAfter).toList());
            f.add(new DrillFigure(
                    "isolated primary refused writes", figure(refused), refused.size() == n ? Tone.OK : Tone.FAIL));
        }
        long lost = results.stream().mapToLong(HostDrillResult::lostWrites).sum();
        long acknowledged =
                results.stream().mapToLong(HostDrillResult::acknowledgedWrites).sum();
        f.add(new DrillFigure(
                "rows missing (RPO)", lost + " of " + acknowledged + " acknowledged", lost == 0 ? Tone.OK : Tone.FAIL));
        long split = results.stream().filter(r -> r.splitBrainSamples() > 0).count();
        f.add(new DrillFigure(
                "split brain",
                split == 0 ? "never" : "in " + split + " of " + n + " runs",
                split == 0 ? Tone.OK : Tone.FAIL));
        List<Duration> rejoined =
                present(results.stream().map(HostDrillResult::rejoinedAfterHeal).toList());
        f.add(new DrillFigure("rejoined after the heal", figure(rejoined), rejoined.size() == n ? Tone.OK : Tone.WARN));
        long passed = results.stream().filter(HostDrillResult::passed).count();
        f.add(new DrillFigure("verdict", passed + " of " + n + " passed", passed == n ? Tone.OK : Tone.FAIL));
        return f;
    }

    static String summary(String drill, List<HostDrillResult> results) {
        long lost = results.stream().mapToLong(HostDrillResult::lostWrites).sum();
        long split = results.stream().filter(r -> r.splitBrainSamples() > 0).count();
        long failed = results.stream().filter(r -> !r.passed()).count();
        return drill + ": " + results.size() + (results.size() == 1 ? " run" : " runs") + ", write outage "
                + figure(results.stream().map(HostDrillResult::writeOutage).toList()) + ", " + lost
                + " acknowledged rows missing" + (split > 0 ? ", SPLIT BRAIN in " + split : "")
                + (failed == 0
                        ? " — passed"
                        : " — FAILED: "
                                + String.join(
                                        "; ",
                                        results.stream()
                                                .flatMap(r -> r.failures().stream())
                                                .distinct()
                                                .toList()));
    }

    private static List<Duration> present(List<Optional<Duration>> values) {
        return values.stream().flatMap(Optional::stream).toList();
    }

    /** One value for one run, median and maximum for more; "none" when no run measured it. */
    private static String figure(List<Duration> values) {
        if (values.isEmpty()) {
            return "none";
        }
        List<Duration> sorted = values.stream().sorted().toList();
        if (sorted.size() == 1) {
            return Formats.duration(sorted.getFirst());
        }
        return "median " + Formats.duration(sorted.get((sorted.size() - 1) / 2)) + " · max "
                + Formats.duration(sorted.getLast());
    }
}
