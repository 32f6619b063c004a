package io.pgha.runtime.postgres;

import java.time.Instant;
import java.util.Optional;

/**
 * The primary's WAL archiver as pg_stat_archiver shows it, read by the monitor's write probe in the same round trip.
 *
 * @param archiving       whether archive_mode is on (off: nothing to check)
 * @param lastArchivedWal the newest segment archive_command finished, when any
 * @param lastArchivedAt  when
 * @param lastFailedWal   the newest segment archive_command failed on, when any
 * @param lastFailedAt    when
 * @param failedCount     failed attempts since the statistics were reset
 */
public record ArchiverStats(
        boolean archiving,
        Optional<String> lastArchivedWal,
        Optional<Instant> lastArchivedAt,
        Optional<String> lastFailedWal,
        Optional<Instant> lastFailedAt,
        long failedCount) {

    /** The archiver's last attempt failed: a failure newer than the last success. */
    public boolean failing() {
        return archiving
                && lastFailedAt.isPresent()
                && (lastArchivedAt.isEmpty() || lastFailedAt.get().isAfter(lastArchivedAt.get()));
    }
}
