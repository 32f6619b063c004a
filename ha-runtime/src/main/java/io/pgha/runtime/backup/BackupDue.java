package io.pgha.runtime.backup;

import io.pgha.runtime.Api;
import io.pgha.runtime.stack.BackupSchedule;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Whether a scheduled backup is due, and which (docs/decisions/0025): a pure decision on the repository's backups, so
 * the supervisor's loop only asks and acts. No backup while another holds the stanza's lock; a full one when the
 * repository has none or its newest full backup ended {@code fullEvery} ago or more; otherwise a differential one when
 * the newest backup of any type ended {@code diffEvery} ago or more.
 */
@Api
public final class BackupDue {

    private BackupDue() {}

    /** The backup to start now, if any. */
    public static Optional<BackupType> decide(
            BackupSchedule schedule, List<BackupRecord> backups, boolean running, Instant now) {
        if (running) {
            return Optional.empty();
        }
        Optional<Instant> lastFull = newest(backups, true);
        if (lastFull.isEmpty() || !lastFull.get().plus(schedule.fullEvery()).isAfter(now)) {
            return Optional.of(BackupType.FULL);
        }
        Instant lastAny = newest(backups, false).orElseThrow();
        return lastAny.plus(schedule.diffEvery()).isAfter(now) ? Optional.empty() : Optional.of(BackupType.DIFF);
    }

    /** When the next scheduled backup is due (now when it is due already). */
    public static Instant next(BackupSchedule schedule, List<BackupRecord> backups, Instant now) {
        Optional<Instant> lastFull = newest(backups, true);
        if (lastFull.isEmpty()) {
            return now;
        }
        Instant full = lastFull.get().plus(schedule.fullEvery());
        Instant diff = newest(backups, false).orElseThrow().plus(schedule.diffEvery());
        Instant next = diff.isBefore(full) ? diff : full;
        return next.isBefore(now) ? now : next;
    }

    private static Optional<Instant> newest(List<BackupRecord> backups, boolean fullOnly) {
        return backups.stream()
                .filter(b -> !b.error())
                .filter(b -> !fullOnly || b.type() == BackupType.FULL)
                .map(BackupRecord::stop)
                .max(Comparator.naturalOrder());
    }
}
