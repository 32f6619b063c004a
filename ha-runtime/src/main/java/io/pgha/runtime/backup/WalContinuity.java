package io.pgha.runtime.backup;

import io.pgha.runtime.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Whether the archive's WAL runs unbroken from each backup onwards (docs/decisions/0050): a restore replays every segment
 * from its backup's first one to the target, so a missing segment (WAL deleted, archiving that failed for a while, a
 * new timeline without its history file) ends what the backups before it can reach. From a backup's first segment the
 * walk goes segment by segment, onto a higher timeline where that timeline has its history file and the segment (a
 * promotion starts the new timeline in the segment it happened in), never back down; it stops at the newest segment of
 * the timelines it may still take, or at the first one missing. A segment missing whose successors were all archived in
 * the last {@link #SETTLE} is not counted: pgBackRest's asynchronous push sends a few segments at once, in parallel.
 *
 * @param chain    the backups whose WAL runs unbroken to the newest backup's end of the walk, oldest first: the ones a
 *                 restore to a time may start from
 * @param gapAfter the first missing segment after the newest usable backup, when the archive goes on past it
 * @param cutOff   backups left out: their own WAL is missing, or a gap lies between them and the newest usable backup
 * @param earlier  the gaps that cut those backups off
 */
@Api
public record WalContinuity(
        List<BackupRecord> chain, Optional<Gap> gapAfter, List<BackupRecord> cutOff, List<Gap> earlier) {

    /** pgBackRest's parallel asynchronous push: a hole younger than this may still be filled. */
    public static final Duration SETTLE = Duration.ofSeconds(60);

    /** The default WAL segment size, which pgha's stacks keep (initdb's). */
    public static final long SEGMENT_SIZE = 16L * 1024 * 1024;

    public WalContinuity {
        chain = List.copyOf(chain);
        cutOff = List.copyOf(cutOff);
        earlier = List.copyOf(earlier);
    }

    /**
     * A hole in the archive.
     *
     * @param lastPresent  the last segment before it, which a restore can still replay
     * @param firstMissing the first segment a restore would need next
     * @param resumesAt    the next segment the archive has after it
     * @param timeline     a higher timeline whose segments go on without its history file, when that is the cause
     */
    public record Gap(String lastPresent, String firstMissing, String resumesAt, Optional<Long> timeline) {

        /** In words, with what to do. */
        public String describe() {
            return "the WAL archive misses " + firstMissing
                    + timeline.map(t -> " (timeline " + t + " goes on from " + resumesAt + " but its history file "
                                    + String.format("%08X", t) + ".history is not in the archive)")
                            .orElse(" (it resumes at " + resumesAt + ")")
                    + ", so a restore cannot replay past " + lastPresent;
        }
    }

    /** Whether every backup reaches the archive's end unbroken. */
    public boolean unbroken() {
        return gapAfter.isEmpty() && cutOff.isEmpty();
    }

    /** The continuity of {@code backups} over the archive in {@code listing}, as of {@code now}. */
    public static WalContinuity of(List<BackupRecord> backups, ArchiveListing listing, Instant now) {
        return of(backups, listing, now, SEGMENT_SIZE);
    }

    static WalContinuity of(List<BackupRecord> backups, ArchiveListing listing, Instant now, long segmentSize) {
        Wal wal = new Wal(listing, segmentSize, now);
        List<BackupRecord> newestFirst = backups.stream()
                .filter(b -> !b.error() && Wal.valid(b.walStart()) && Wal.valid(b.walStop()))
                .sorted(Comparator.comparing(BackupRecord::stop)
                        .thenComparing(BackupRecord::label)
                        .reversed())
                .toList();
        List<BackupRecord> chain = new ArrayList<>();
        List<BackupRecord> cutOff = new ArrayList<>();
        List<Gap> earlier = new ArrayList<>();
        Optional<Gap> gapAfter = Optional.empty();
        Optional<String> chainEnd = Optional.empty();
        for (BackupRecord b : newestFirst) {
            Walk w = wal.walk(b.walStart());
            boolean usable = w.reaches(b.walStop(), segmentSize);
            if (!usable) {
                cutOff.add(b);
                w.gap().ifPresent(g -> addOnce(earlier, g));
                continue;
            }
            if (chainEnd.isEmpty()) {
                chainEnd = Optional.of(w.last());
                gapAfter = w.gap();
                chain.add(b);
            } else if (w.last().equals(chainEnd.get())) {
                chain.add(b);
            } else {
                cutOff.add(b);
                w.gap().ifPresent(g -> addOnce(earlier, g));
            }
        }
        return new WalContinuity(chain.reversed(), gapAfter, cutOff.reversed(), earlier.reversed());
    }

    private static void addOnce(List<Gap> gaps, Gap g) {
        if (!gaps.contains(g)) {
            gaps.add(g);
        }
    }

    /** Where a walk from a backup's first segment ended, and the hole that ended it (none at the archive's end). */
    private record Walk(String last, Optional<Gap> gap, boolean startMissing) {

        boolean reaches(String segment, long segmentSize) {
            return !startMissing
                    && Wal.timeline(last) >= Wal.timeline(segment)
                    && Wal.segno(last, segmentSize) >= Wal.segno(segment, segmentSize);
        }
    }

    /** The archive's segments by segment number, each with the timelines that have it. */
    private static final class Wal {
        private final ArchiveListing listing;
        private final long size;
        private final Instant now;
        private final java.util.TreeMap<Long, java.util.SortedSet<Long>> bySegno = new java.util.TreeMap<>();
        private final java.util.TreeMap<Long, Long> endByTimeline = new java.util.TreeMap<>();

        Wal(ArchiveListing listing, long size, Instant now) {
            this.listing = listing;
            this.size = size;
            this.now = now;
            for (String n : listing.segments().keySet()) {
                long t = timeline(n);
                long s = segno(n, size);
                bySegno.computeIfAbsent(s, k -> new java.util.TreeSet<>()).add(t);
                endByTimeline.merge(t, s, Math::max);
            }
        }

        static boolean valid(String name) {
            return name != null && name.matches("[0-9A-F]{24}");
        }

        static long timeline(String name) {
            return Long.parseLong(name.substring(0, 8), 16);
        }

        static long segno(String name, long size) {
            long perLog = 0x1_0000_0000L / size;
            return Long.parseLong(name.substring(8, 16), 16) * perLog + Long.parseLong(name.substring(16, 24), 16);
        }

        String name(long tli, long segno) {
            long perLog = 0x1_0000_0000L / size;
            return String.format("%08X%08X%08X", tli, segno / perLog, segno % perLog);
        }

        /** The newest segment number on a timeline at or above {@code tli}. */
        long end(long tli) {
            return endByTimeline.tailMap(tli, true).values().stream()
                    .mapToLong(Long::longValue)
                    .max()
                    .orElse(-1);
        }

        Walk walk(String start) {
            long tli = timeline(start);
            long segno = segno(start, size);
            if (!bySegno.getOrDefault(segno, java.util.Collections.emptySortedSet())
                    .contains(tli)) {
                return new Walk(start, Optional.empty(), true);
            }
            while (true) {
                long next = segno + 1;
                if (next > end(tli)) {
                    return new Walk(name(tli, segno), Optional.empty(), false);
                }
                long best = -1;
                Optional<Long> unexplained = Optional.empty();
                for (long t : bySegno.getOrDefault(next, java.util.Collections.emptySortedSet())
                        .tailSet(tli)) {
                    if (t == tli || listing.histories().contains(t)) {
                        best = Math.max(best, t);
                    } else if (unexplained.isEmpty()) {
                        unexplained = Optional.of(t);
                    }
                }
                if (best < 0) {
                    long from = tli;
                    long last = segno;
                    Optional<Long> cause = unexplained.or(() -> higherWithoutHistory(from, next));
                    Optional<Gap> gap =
                            resumption(from, next).map(r -> new Gap(name(from, last), name(from, next), r, cause));
                    return new Walk(name(from, last), gap, false);
                }
                tli = best;
                segno = next;
            }
        }

        /** The next segment after the hole, unless everything after it is younger than {@link #SETTLE}. */
        private Optional<String> resumption(long tli, long missing) {
            Optional<String> first = Optional.empty();
            boolean settled = false;
            for (var e : bySegno.tailMap(missing, true).entrySet()) {
                for (long t : e.getValue().tailSet(tli)) {
                    String n = name(t, e.getKey());
                    if (first.isEmpty()) {
                        first = Optional.of(n);
                    }
                    settled |= listing.segments().get(n).isBefore(now.minus(SETTLE));
                }
            }
            return settled ? first : Optional.empty();
        }

        /** A higher timeline whose segments go on from the hole but whose history file is missing. */
        private Optional<Long> higherWithoutHistory(long tli, long missing) {
            return endByTimeline.tailMap(tli, false).entrySet().stream()
                    .filter(e -> e.getValue() >= missing && !listing.histories().contains(e.getKey()))
                    .map(java.util.Map.Entry::getKey)
                    .findFirst();
        }
    }
}
