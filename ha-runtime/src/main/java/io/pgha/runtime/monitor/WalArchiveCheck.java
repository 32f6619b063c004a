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
                                    + a.lastFailedWal().orElse("?") + " not archived (last try "
                                    + ago(a.lastFailedAt().orElseThrow(), at) + ", " + a.failedCount()
                                    + " failed tries)"
                                    + a.lastArchivedAt()
                                            .map(t -> "; a restore cannot go past "
                                                    + a.lastArchivedWal()
                                                            .map(WalArchiveCheck::segment)
                                                            .orElse("?") + ", archived " + ago(t, at))
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
                        .map(w -> "archiving: " + w + " archived "
                                + a.lastArchivedAt().map(t -> ago(t, at)).orElse("at an unknown time"))
                        .orElse("archiving: no segment full yet")));
    }

    /** The segment a file the archiver names belongs to: a backup label's file is named after it plus a suffix. */
    private static String segment(String walFile) {
        return walFile.length() > SEGMENT_NAME && walFile.charAt(SEGMENT_NAME) == '.'
                ? walFile.substring(0, SEGMENT_NAME)
                : walFile;
    }

    private static String ago(Instant then, Instant now) {
        long s = Math.max(0, Duration.between(then, now).toSeconds());
        return s < 120 ? s + " s ago" : s < 7200 ? (s / 60) + " min ago" : (s / 3600) + " h ago";
    }
}
