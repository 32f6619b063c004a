package io.pgha.console.ui.drills;

import io.pgha.console.ui.common.Formats;
import io.pgha.console.ui.common.Tone;
import io.pgha.runtime.usecase.DisasterDrill;
import io.pgha.runtime.usecase.PitrDrill;
import java.util.List;

/**
 * How the drills of the backups ({@code pitr}, {@code disaster}) show in the Drills tab: their row, their figures and
 * their verdict, from the runtime's results (named a view model: the console's layering lets only view models read the
 * runtime's use cases).
 */
final class RestoreDrillReportViewModel {

    static final List<String> PITR_COLUMNS = List.of(
            "Restored into",
            "Target T",
            "Restore time",
            "Backup",
            "Missing before T",
            "Present after T",
            "In flight at T",
            "Verdict");

    static final List<String> DISASTER_COLUMNS = List.of(
            "Cluster",
            "Disaster at",
            "Time to writable",
            "Backup",
            "Rows lost",
            "Lost out of order",
            "Loss window",
            "Verdict");

    private RestoreDrillReportViewModel() {}

    static DrillRunRow row(PitrDrill.Result r) {
        return new DrillRunRow(
                1,
                r.source() + " → " + r.restoredInto() + (r.kept() ? "" : " (removed)"),
                Formats.dateTime(r.target()),
                Formats.duration(r.restore()),
                r.backup(),
                r.lostBeforeTarget() + " of " + r.acknowledgedBeforeTarget(),
                String.valueOf(r.presentAfterTarget()),
                String.valueOf(r.inFlightAtTarget()),
                r.passed() ? "passed" : "FAILED",
                r.passed() ? Tone.OK : Tone.FAIL);
    }

    static List<DrillFigure> figures(PitrDrill.Result r) {
        return List.of(
                new DrillFigure("target T", Formats.dateTime(r.target()), Tone.UNKNOWN),
                new DrillFigure("restored from backup", r.backup(), Tone.UNKNOWN),
                new DrillFigure(
                        "restored into",
                        r.restoredInto() + (r.kept() ? " (kept)" : " (removed afterwards)"),
                        Tone.UNKNOWN),
                new DrillFigure(
                        "rows acknowledged before T", String.valueOf(r.acknowledgedBeforeTarget()), Tone.UNKNOWN),
                new DrillFigure(
                        "missing before T",
                        r.lostBeforeTarget() + " (must be 0)",
                        r.lostBeforeTarget() == 0 ? Tone.OK : Tone.FAIL),
                new DrillFigure(
                        "present after T",
                        r.presentAfterTarget() + " (must be 0)",
                        r.presentAfterTarget() == 0 ? Tone.OK : Tone.FAIL),
                new DrillFigure("in flight at T", String.valueOf(r.inFlightAtTarget()), Tone.UNKNOWN),
                new DrillFigure("rows restored", String.valueOf(r.restoredRows()), Tone.UNKNOWN),
                new DrillFigure("restore time", Formats.duration(r.restore()), Tone.UNKNOWN));
    }

    static String summary(PitrDrill.Result r) {
        return "pitr: restored to T into " + r.restoredInto() + " in " + Formats.duration(r.restore()) + ", "
                + r.lostBeforeTarget() + " of " + r.acknowledgedBeforeTarget()
                + " rows acknowledged before T missing, " + r.presentAfterTarget() + " sent after T present — "
                + (r.passed() ? "passed" : "FAILED");
    }

    static DrillRunRow row(DisasterDrill.Result r) {
        return new DrillRunRow(
                1,
                r.cluster(),
                Formats.dateTime(r.disaster()),
                Formats.duration(r.restore()),
                r.backup(),
                r.lostWrites() + " of " + r.acknowledgedWrites(),
                String.valueOf(r.lostOutOfOrder()),
                r.lossWindow().map(Formats::duration).orElse("none"),
                r.passed() ? "passed" : "FAILED",
                r.passed() ? (r.lostWrites() == 0 ? Tone.OK : Tone.WARN) : Tone.FAIL);
    }

    static List<DrillFigure> figures(DisasterDrill.Result r) {
        return List.of(
                new DrillFigure("disaster at", Formats.dateTime(r.disaster()), Tone.UNKNOWN),
                new DrillFigure("removed", String.join(", ", r.removed()), Tone.UNKNOWN),
                new DrillFigure("restored from backup", r.backup(), Tone.UNKNOWN),
                new DrillFigure("rows acknowledged", String.valueOf(r.acknowledgedWrites()), Tone.UNKNOWN),
                new DrillFigure(
                        "rows lost (RPO)",
                        r.lostWrites() + " of " + r.acknowledgedWrites() + " (the archive's lag)",
                        r.lostWrites() == 0 ? Tone.OK : Tone.WARN),
                new DrillFigure(
                        "loss window", r.lossWindow().map(Formats::duration).orElse("none"), Tone.UNKNOWN),
                new DrillFigure(
                        "lost out of order",
                        r.lostOutOfOrder() + " (must be 0)",
                        r.lostOutOfOrder() == 0 ? Tone.OK : Tone.FAIL),
                new DrillFigure("rows restored", String.valueOf(r.restoredRows()), Tone.UNKNOWN),
                new DrillFigure("time to writable", Formats.duration(r.restore()), Tone.UNKNOWN));
    }

    static String summary(DisasterDrill.Result r) {
        return "disaster: " + r.cluster() + " rebuilt in place in " + Formats.duration(r.restore()) + ", "
                + r.lostWrites() + " of " + r.acknowledgedWrites() + " acknowledged rows lost"
                + r.lossWindow()
                        .map(w -> " (the newest, over " + Formats.duration(w) + ")")
                        .orElse("")
                + ", " + r.lostOutOfOrder() + " out of order — " + (r.passed() ? "passed" : "FAILED");
    }
}
