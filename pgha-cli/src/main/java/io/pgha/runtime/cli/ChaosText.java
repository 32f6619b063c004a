package io.pgha.runtime.cli;

import io.pgha.runtime.chaos.ChaosPlan;
import io.pgha.runtime.chaos.ChaosReport;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The chaos run's plan and report as text: a table per fault kind, the counters, the timeline. */
final class ChaosText {

    private ChaosText() {}

    static String plan(ChaosPlan plan) {
        return plan.steps().stream()
                .map(s -> s.fault().cliName() + "@" + s.injectAt().toSeconds() + "s")
                .collect(Collectors.joining(" "));
    }

    static String report(ChaosReport r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "chaos seed %d, %d s, %d faults injected, elapsed %.1f s%n%n",
                r.seed(),
                r.durationMs() / 1000,
                r.faultsInjected(),
                r.elapsedMs() / 1000.0));
        b.append(String.format(
                Locale.ROOT,
                "%-18s %5s %14s %11s %16s %13s%n",
                "FAULT",
                "COUNT",
                "OUTAGE MEDIAN",
                "OUTAGE MAX",
                "HEALTHY MEDIAN",
                "NOT HEALTHY"));
        r.byFault()
                .forEach((kind, k) -> b.append(String.format(
                        Locale.ROOT,
                        "%-18s %5d %14s %11s %16s %13d%n",
                        kind,
                        k.count(),
                        secs(k.writeOutageMedianMs()),
                        secs(k.writeOutageMaxMs()),
                        k.timeToHealthyMedianMs().map(ChaosText::secs).orElse("-"),
                        k.notHealthy())));
        b.append(String.format(
                Locale.ROOT,
                "%navailability %.2f %% | acknowledged writes %d, lost %d, duplicated %d | bank transfers %d, reads %d,"
                        + " total violations %d | split-brain moments %d | healthy at end %s%n",
                r.availabilityPercent(),
                r.acknowledgedWrites(),
                r.acknowledgedWritesLost(),
                r.duplicatedWrites(),
                r.bankTransfers(),
                r.bankReads(),
                r.bankTotalViolations(),
                r.splitBrainMoments(),
                r.timeToHealthyAtEndMs().map(ms -> "yes (" + secs(ms) + ")").orElse("NO")));
        b.append(String.format("%ntimeline:%n"));
        for (ChaosReport.TimelineEvent e : r.timeline()) {
            b.append(String.format(
                    Locale.ROOT,
                    "  %8s  %-9s %s%s%n",
                    secs(e.atMs()),
                    e.event(),
                    e.fault().isEmpty() ? "" : e.fault() + " on " + e.node(),
                    lengthOf(e)));
        }
        r.notes().forEach(n -> b.append("note: ").append(n).append(System.lineSeparator()));
        b.append(r.passed() ? "PASSED" : "FAILED").append(System.lineSeparator());
        return b.toString();
    }

    private static String lengthOf(ChaosReport.TimelineEvent e) {
        Optional<Long> l = e.lengthMs();
        return l.map(ms -> (e.event().equals("write-gap") ? "" : " after ") + secs(ms))
                .orElse("");
    }

    private static String secs(long ms) {
        return String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
    }
}
