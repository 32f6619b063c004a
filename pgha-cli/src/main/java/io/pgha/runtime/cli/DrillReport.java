package io.pgha.runtime.cli;

import io.pgha.runtime.drill.DrillResult;
import io.pgha.runtime.drill.DrillSummary;
import io.pgha.runtime.drill.HostDrillResult;
import io.pgha.runtime.usecase.DisasterDrill;
import io.pgha.runtime.usecase.PitrDrill;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Human-readable lines for drill results. */
final class DrillReport {

    private DrillReport() {}

    static String line(int run, DrillResult r) {
        return String.format(
                Locale.ROOT,
                "run %d  %-18s leader %s -> %s  write outage %s  new leader %s  router flip %s  lost %d of %d  split brain %s  healed %s%s%s",
                run,
                r.scenario().cliName(),
                r.oldLeader(),
                r.newLeader().orElse("-"),
                secs(r.writeOutage()),
                secs(r.newLeaderAfter()),
                secs(r.routerFlipAfter()),
                r.lostWrites(),
                r.acknowledgedWrites(),
                r.splitBrain() ? "YES (" + r.splitBrainSamples() + ")" : "no",
                secs(r.healedAfter()),
                r.scenario().cliName().startsWith("etcd")
                        ? "  writes refused during fault " + (r.writesRefusedDuringFault() ? "yes" : "no")
                                + ", reads during fault " + r.readsDuringFault()
                        : "",
                r.notes().isEmpty() ? "" : "  (" + String.join("; ", r.notes()) + ")");
    }

    static String host(int run, HostDrillResult r) {
        return String.format(
                Locale.ROOT,
                "run %d  %-15s host %s (leader %s) -> leader %s on %s  write outage %s  new leader %s%s  lost %d of %d"
                        + "  split brain %s  rejoined %s after the heal  %s%s",
                run,
                r.scenario().cliName(),
                r.host(),
                r.oldLeader(),
                r.newLeader().orElse("-"),
                r.newLeaderHost().orElse("-"),
                secs(r.writeOutage()),
                secs(r.newLeaderAfter()),
                r.oldLeaderRefusedAfter()
                        .map(d -> "  isolated primary refused writes " + secs(d))
                        .orElse(""),
                r.lostWrites(),
                r.acknowledgedWrites(),
                r.splitBrainSamples() > 0 ? "YES (" + r.splitBrainSamples() + ")" : "no",
                secs(r.rejoinedAfterHeal()),
                r.passed() ? "PASSED" : "FAILED: " + String.join("; ", r.failures()),
                r.notes().isEmpty() ? "" : "  (" + String.join("; ", r.notes()) + ")");
    }

    static String pitr(PitrDrill.Result r) {
        return String.format(
                Locale.ROOT,
                "pitr  %s restored to T = %s into %s from backup %s in %s: acknowledged before T %d, missing %d |"
                        + " sent after T and present %d | in flight at T %d | %s%s",
                r.source(),
                r.target(),
                r.restoredInto(),
                r.backup(),
                secs(r.restore()),
                r.acknowledgedBeforeTarget(),
                r.lostBeforeTarget(),
                r.presentAfterTarget(),
                r.inFlightAtTarget(),
                r.passed() ? "PASSED" : "FAILED",
                r.kept()
                        ? "  (" + r.restoredInto() + " kept: pgha down --name " + r.restoredInto() + " --volumes)"
                        : "");
    }

    static String disaster(DisasterDrill.Result r) {
        return String.format(
                Locale.ROOT,
                "disaster  %s: every node and its data removed at %s, restored in place from backup %s to the end of"
                        + " the archive in %s: acknowledged %d, lost %d (the newest, over %s before the disaster),"
                        + " lost out of order %d | %s",
                r.cluster(),
                r.disaster(),
                r.backup(),
                secs(r.restore()),
                r.acknowledgedWrites(),
                r.lostWrites(),
                secs(r.lossWindow()),
                r.lostOutOfOrder(),
                r.passed() ? "PASSED" : "FAILED");
    }

    static String summary(DrillSummary s) {
        return String.format(
                Locale.ROOT,
                "%s over %d run(s): write outage median %s max %s | new leader median %s | router flip median %s | "
                        + "healed median %s | acknowledged writes lost %d | runs with split brain %d",
                s.scenario().cliName(),
                s.runs(),
                secs(s.writeOutage().median()),
                secs(s.writeOutage().max()),
                secs(s.newLeaderAfter().median()),
                secs(s.routerFlipAfter().median()),
                secs(s.healedAfter().median()),
                s.lostWritesTotal(),
                s.splitBrainRuns());
    }

    static String secs(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
    }

    static String secs(Optional<Duration> d) {
        return d.map(DrillReport::secs).orElse("-");
    }
}
