package io.pgha.runtime.backup;

import io.pgha.runtime.Api;
import io.pgha.runtime.PghaException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The times a restore can reach (docs/decisions/0022, 0048): from the end of the oldest backup (its consistent point)
 * whose WAL runs unbroken to the newest backup, to the moment the archive was last known complete (after a WAL switch
 * reached it, or its last archived segment's time), or, when the archive misses a segment after the newest backup, to
 * the last commit before that hole.
 *
 * @param backups the backups a restore to a time may start from, oldest first
 * @param end     the latest time the archive is known to cover
 * @param gap     the hole in the archive after the newest backup that ends the window, when there is one
 */
@Api
public record RecoverableWindow(List<BackupRecord> backups, Instant end, Optional<WalContinuity.Gap> gap) {

    public RecoverableWindow {
        backups = backups.stream()
                .filter(b -> !b.error())
                .sorted(Comparator.comparing(BackupRecord::stop))
                .toList();
    }

    /** A window over an archive taken as unbroken. */
    public RecoverableWindow(List<BackupRecord> backups, Instant end) {
        this(backups, end, Optional.empty());
    }

    /**
     * The honest window (docs/decisions/0050): only the backups of the unbroken chain in {@code continuity}, and when the
     * archive misses a segment after the newest of them, an end no later than {@code lastCommitBeforeGap} (the newest
     * commit in the segments before the hole; without one, just after the newest backup's end).
     */
    public static RecoverableWindow of(Instant end, WalContinuity continuity, Optional<Instant> lastCommitBeforeGap) {
        List<BackupRecord> chain = continuity.chain();
        if (chain.isEmpty()) {
            // every backup's own WAL misses a segment: the newest hole is what to tell
            return new RecoverableWindow(
                    chain, end, continuity.earlier().stream().reduce((a, b) -> b));
        }
        if (continuity.gapAfter().isEmpty()) {
            return new RecoverableWindow(chain, end, Optional.empty());
        }
        Instant capped = lastCommitBeforeGap.orElseGet(() -> reachable(chain.getLast()));
        return new RecoverableWindow(chain, capped.isBefore(end) ? capped : end, continuity.gapAfter());
    }

    /**
     * The earliest time a restore can reach, when the repository has a backup: a second after the oldest backup's stop
     * (pgBackRest keeps it to the second, and its consistent point is before it).
     */
    public Optional<Instant> start() {
        return backups.isEmpty() ? Optional.empty() : Optional.of(reachable(backups.getFirst()));
    }

    private static Instant reachable(BackupRecord b) {
        return b.stop().plusSeconds(1);
    }

    /** The backup a restore to {@code target} starts from; refused, with the window, when the target is outside it. */
    public Optional<BackupRecord> backupFor(RestoreTarget target) {
        if (backups.isEmpty()) {
            throw PghaException.notFound(
                    gap.isPresent()
                            ? "no backup in the repository has its WAL unbroken in the archive ("
                                    + gap.get().describe() + "): take a full backup (pgha backup now)"
                            : "the repository has no backup to restore from yet: pgha backup list shows when one is done");
        }
        return Optional.of(
                switch (target) {
                    case RestoreTarget.Latest l -> backups.getLast();
                    case RestoreTarget.OfBackup b ->
                        backups.stream()
                                .filter(r -> r.label().equals(b.label()))
                                .findFirst()
                                .orElseThrow(() -> PghaException.notFound("no backup " + b.label() + " in the"
                                        + " repository; it has " + String.join(", ", labels())));
                    case RestoreTarget.AtTime t -> {
                        if (t.time().isBefore(start().orElseThrow()) || t.time().isAfter(end)) {
                            throw PghaException.invalidInput("cannot restore to " + t.time() + ": it is outside the "
                                    + "recoverable window " + describe() + " (from the end of the oldest backup to"
                                    + gap.map(g -> " the last commit before the hole in the archive: "
                                                    + g.describe() + "; a new full backup starts an unbroken"
                                                    + " window: pgha backup now)")
                                            .orElse(" the last archived WAL)"));
                        }
                        yield backups.stream()
                                .filter(r -> !reachable(r).isAfter(t.time()))
                                .reduce((a, b) -> b)
                                .orElseThrow();
                    }
                });
    }

    /** The window in words: "2026-12-05T08:00:03Z .. 2026-12-05T09:10:00Z". */
    public String describe() {
        return start().map(Object::toString).orElse("(no backup)") + " .. " + end;
    }

    private List<String> labels() {
        return backups.stream().map(BackupRecord::label).toList();
    }
}
