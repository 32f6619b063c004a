package io.pgha.runtime.backup;

import java.util.OptionalLong;

/** WAL positions and segment names: how far the primary's WAL is ahead of the last archived segment. */
public final class ArchiveLag {

    private ArchiveLag() {}

    /** A position such as 0/3000148 as a byte count. */
    public static long lsn(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a WAL position: " + text);
        }
        return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
    }

    /** The position right after the end of a segment named like 000000010000000000000003 (24 hex digits). */
    public static long endOf(String segment, long segmentSize) {
        if (segment.length() < 24) {
            throw new IllegalArgumentException("not a WAL segment name: " + segment);
        }
        long log = Long.parseLong(segment.substring(8, 16), 16);
        long seg = Long.parseLong(segment.substring(16, 24), 16);
        long perLog = 0x1_0000_0000L / segmentSize;
        return (log * perLog + seg + 1) * segmentSize;
    }

    /**
     * Bytes written after the end of the last archived segment, when it is on the current segment's timeline (after a
     * promotion the new timeline's first segment has not been archived yet: unknown, not zero).
     */
    public static OptionalLong bytes(String currentLsn, String currentWal, String lastArchived, long segmentSize) {
        if (lastArchived == null
                || lastArchived.length() < 24
                || !lastArchived.substring(0, 8).equals(currentWal.substring(0, 8))) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, lsn(currentLsn) - endOf(lastArchived.substring(0, 24), segmentSize)));
    }
}
