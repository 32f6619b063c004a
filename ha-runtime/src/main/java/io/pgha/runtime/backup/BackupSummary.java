package io.pgha.runtime.backup;

import io.pgha.runtime.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The backups in a few lines for {@code pgha status} (docs/decisions/0025): the recoverable window as the repository
 * and the archiver tell it without writing anything (from a second after the oldest backup's stop to the time of the
 * last archived segment), the last backup, the archive's lag, and what should worry an operator.
 *
 * @param window      from the end of the oldest backup to the last archived WAL's time, when both are known
 * @param lastBackup  the newest backup, when there is one
 * @param archive     the leader's archiver statistics
 * @param running     whether a backup holds the stanza's lock now
 * @param warnings    an archive that fails, no backup, or a last backup older than the schedule allows
 */
@Api
public record BackupSummary(
        Optional<RecoverableWindow> window,
        Optional<BackupRecord> lastBackup,
        ArchiveStatus archive,
        boolean running,
        List<String> warnings) {

    /**
     * WAL not yet in the archive beyond which the archive counts as behind (4 default segments): the segment being
     * written is never archived before it is full or archive_timeout passes, so a few MiB are normal on a quiet cluster.
     */
    public static final long ARCHIVE_BEHIND_BYTES = 64L * 1024 * 1024;

    public BackupSummary {
        warnings = List.copyOf(warnings);
    }

    /** The health signal for checks and the console (docs/decisions/0027): no warning. */
    public boolean healthy() {
        return warnings.isEmpty();
    }

    /**
     * The summary of {@code info} and {@code archive} at {@code now}; a last backup that ended more than {@code
     * maxAge} ago (the longest gap the schedule leaves between two backups, with a margin) is a warning.
     */
    public static BackupSummary of(RepositoryInfo info, ArchiveStatus archive, Instant now, Duration maxAge) {
        return of(info, archive, Optional.empty(), Optional.empty(), now, maxAge);
    }

    /**
     * The summary with the archive's continuity (docs/decisions/0050): the window holds only the backups whose WAL runs
     * unbroken, and a hole after the newest backup ends it at {@code lastCommitBeforeGap} and is a warning.
     */
    public static BackupSummary of(
            RepositoryInfo info,
            ArchiveStatus archive,
            Optional<WalContinuity> continuity,
            Optional<Instant> lastCommitBeforeGap,
            Instant now,
            Duration maxAge) {
        List<String> warnings = new ArrayList<>();
        if (archive.failing()) {
            warnings.add("the WAL archive is failing: archive_command failed on "
                    + archive.lastFailedWal().orElse("?") + " at "
                    + archive.lastFailedAt().map(Object::toString).orElse("?") + " (" + archive.failedCount()
                    + " failures); the recoverable window stops growing (pgha backup check)");
        }
        if (archive.lagBytes().isPresent() && archive.lagBytes().getAsLong() >= ARCHIVE_BEHIND_BYTES) {
            warnings.add("the WAL archive is behind: " + archive.lagBytes().getAsLong() / (1024 * 1024)
                    + " MiB of WAL not archived yet"
                    + archive.lastArchivedAt()
                            .map(t -> ", the last segment archived " + ago(Duration.between(t, now)) + " ago")
                            .orElse("")
                    + " (a loss of the primary now would lose it; pgha backup check)");
        }
        Optional<BackupRecord> last = info.latest();
        if (last.isEmpty()) {
            warnings.add(
                    info.backupRunning()
                            ? "no backup finished yet; one is running"
                            : "the repository has no backup: nothing to restore from (pgha backup now)");
        } else if (last.get().stop().plus(maxAge).isBefore(now)) {
            warnings.add("the last backup " + last.get().label() + " ended "
                    + ago(Duration.between(last.get().stop(), now)) + " ago, more than the schedule allows ("
                    + ago(maxAge) + "); pgha backup now");
        }
        continuity
                .flatMap(WalContinuity::gapAfter)
                .ifPresent(g -> warnings.add(g.describe() + "; the recoverable window ends"
                        + " before it: take a full backup to start an unbroken one (pgha backup now)"));
        Optional<RecoverableWindow> window = archive.lastArchivedAt()
                .filter(end -> !info.backups().isEmpty())
                .map(end -> continuity
                        .map(c -> RecoverableWindow.of(end, c, lastCommitBeforeGap))
                        .orElseGet(() -> new RecoverableWindow(info.backups(), end)))
                .filter(w ->
                        w.start().isPresent() && !w.end().isBefore(w.start().get()));
        return new BackupSummary(window, last, archive, info.backupRunning(), warnings);
    }

    /** This summary with one more warning. */
    public BackupSummary warn(String warning) {
        List<String> w = new ArrayList<>(warnings);
        w.add(warning);
        return new BackupSummary(window, lastBackup, archive, running, w);
    }

    /** "3 d 4 h", "2 h 5 min", "40 s". */
    static String ago(Duration d) {
        if (d.toDays() > 0) {
            return d.toDays() + " d " + d.toHoursPart() + " h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + " min";
        }
        return d.toSeconds() + " s";
    }
}
