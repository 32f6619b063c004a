package io.pgha.runtime.backup;

import io.pgha.runtime.Api;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the primary's archiver says (pg_stat_archiver) against where its WAL is now.
 *
 * @param currentLsn       the primary's current WAL position, e.g. 0/3000148
 * @param currentWal       the segment it writes
 * @param lastArchivedWal  the newest segment archive_command finished, when any
 * @param lastArchivedAt   when
 * @param lastFailedWal    the newest segment archive_command failed on, when any
 * @param lastFailedAt     when
 * @param failedCount      how many attempts failed since the statistics were reset
 * @param lagBytes         WAL written after the end of the last archived segment (what a loss of the primary now could
 *                         cost a restore from the archive), when a segment was archived on the current timeline
 */
@Api
public record ArchiveStatus(
        String currentLsn,
        String currentWal,
        Optional<String> lastArchivedWal,
        Optional<Instant> lastArchivedAt,
        Optional<String> lastFailedWal,
        Optional<Instant> lastFailedAt,
        long failedCount,
        OptionalLong lagBytes) {

    /** Whether the archiver's last attempt failed (a failure newer than the last success). */
    public boolean failing() {
        return lastFailedAt.isPresent()
                && (lastArchivedAt.isEmpty() || lastFailedAt.get().isAfter(lastArchivedAt.get()));
    }
}
