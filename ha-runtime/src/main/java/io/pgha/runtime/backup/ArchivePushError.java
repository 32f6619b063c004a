package io.pgha.runtime.backup;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why pgBackRest's asynchronous archive-push failed, from the newest {@code .error} file it leaves in its spool (its
 * error code on the first line, then the message, retries included): the first line that names the repository's failure,
 * and what to do when it is a full backups volume.
 */
public final class ArchivePushError {

    /** The errno pgBackRest quotes for a full file system. */
    private static final String NO_SPACE = "[28] No space left on device";

    private ArchivePushError() {}

    /**
     * The {@code sh -c} script that prints the newest error file of the spool's outbound queue, its spool path and
     * stanza given as {@code $1} and {@code $2} (never pasted into the script); prints nothing when there is none.
     */
    public static final String NEWEST_ERROR_SCRIPT =
            "f=$(ls -t \"$1/archive/$2/out/\"*.error 2>/dev/null | head -n 1); [ -n \"$f\" ] && cat \"$f\" || true";

    /** The failure in words, or empty when the text holds none. */
    public static Optional<String> describe(String errorFile, String volume) {
        String[] lines = errorFile.strip().split("\n");
        Optional<String> cause = Arrays.stream(lines)
                .map(String::strip)
                .filter(l -> l.startsWith("repo1:"))
                .map(l -> l.substring("repo1:".length()).strip())
                .findFirst()
                .or(() -> Arrays.stream(lines)
                        .skip(1)
                        .map(String::strip)
                        .filter(l -> !l.isEmpty())
                        .findFirst());
        return cause.map(c -> "pgBackRest: " + c
                + (c.contains(NO_SPACE)
                        ? ". The backups volume " + volume + " is full: make room (keep fewer full backups with"
                                + " backups.retention_full, or give the repository a larger volume); archiving resumes"
                                + " by itself within about a minute once there is room, and until then PostgreSQL keeps the WAL in pg_wal on"
                                + " the primary's data volume, which grows"
                        : ""));
    }
}
