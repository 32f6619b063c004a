package io.pgha.runtime.monitor;

import io.pgha.runtime.model.HealthCheck;
import io.pgha.runtime.model.HealthCheck.Kind;
import io.pgha.runtime.model.HealthCheck.Status;
import io.pgha.runtime.postgres.ArchiverStats;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The WAL archive's health check from the primary's archiver statistics (a pure function): a failing archive_command
 * is a failing check that says what it costs and where to look, not a silent gap in the recoverable window.
 */
final class WalArchiveCheck {

    private static final int SEGMENT_NAME = 24;

    private WalArchiveCheck() {}

    static Optional<HealthCheck> of(Optional<ArchiverStats> stats, Optional<String> leader, Instant at) {
        if (stats.isEmpty() || !stats.get().archiving()) {
            return Optional.empty();
        }
        ArchiverStats a = stats.get();
        String target = leader.orElse("primary");
        if (a.failing()) {
            return Optional.of(
                    new HealthCheck(
                            Kind.WAL_ARCHIVE,
                            target,
                            Status.FAIL,
                            Duration.ZERO,
                            at,
                            "archive_command failing: segment "
                                    + a.lastFailedWal().orElse("?") + " not archived (last try at "
                                    + when(a.lastFailedAt().orElseThrow()) + ", " + a.failedCount()
                                    + " failed tries)"
                                    + a.lastArchivedAt()
                                            .map(t -> "; a restore cannot go past "
                                                    + a.lastArchivedWal()
                                                            .map(WalArchiveCheck::segment)
                                                            .orElse("?") + ", archived at " + when(t))
                                            .orElse("; no segment archived yet")
                                    + ". pgha backup check (on a stack pgha made) or the primary's log says why, e.g. a full backups volume"));
        }
        return Optional.of(new HealthCheck(
                Kind.WAL_ARCHIVE,
                target,
                Status.PASS,
                Duration.ZERO,
                at,
                a.lastArchivedWal()
                        .map(w -> "archiving: " + w + " archived at "
                                + a.lastArchivedAt().map(WalArchiveCheck::when).orElse("an unknown time"))
                        .orElse("archiving: no segment full yet")));
    }

    /** The segment a file the archiver names belongs to: a backup label's file is named after it plus a suffix. */
    private static String segment(String walFile) {
        return walFile.length() > SEGMENT_NAME && walFile.charAt(SEGMENT_NAME) == '.'
                ? walFile.substring(0, SEGMENT_NAME)
                : walFile;
    }

    /**
     * A moment to the second, not an age: the detail then only changes when the archiver does, so an unchanged
     * archive never makes the snapshot differ (and the console repaint) from one round to the next.
     */
    private static String when(Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
