package io.pgha.runtime.backup;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stack's repository read without its cluster (docs/decisions/0034): when no PostgreSQL node of the source runs, a
 * helper of its image mounts the repository read-only at {@link PgBackRestRestore#SOURCE_MOUNT} and reads pgBackRest's
 * info there, and the end of the recoverable window is the newest commit in the archive: the newest archived segments
 * fetched with pgBackRest's {@code archive-get} and read with {@code pg_waldump} until one has a commit record. A restore
 * to a time stops at the first commit past it, so a target up to that commit can be reached.
 */
public final class RepositoryScan {

    /** How many of the newest segments are read for a commit before the scan gives up. */
    static final int SEGMENTS = 8;

    private static final Pattern COMMIT = Pattern.compile(
            "^last commit: (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)?) UTC$", Pattern.MULTILINE);

    private RepositoryScan() {}

    /** pgBackRest's info of {@code stanza} in the mounted repository, as postgres-readable JSON. */
    public static List<String> infoCommand(String stanza) {
        return List.of(
                "pgbackrest",
                "--stanza=" + stanza,
                "--repo1-path=" + PgBackRestRestore.SOURCE_MOUNT,
                "--lock-path=/tmp/pgbackrest",
                "--log-level-file=off",
                "--log-level-console=warn",
                "--output=json",
                "info");
    }

    /** pgBackRest's listing of {@code stanza}'s archive in the mounted repository ({@link ArchiveListing}). */
    public static List<String> listCommand(String stanza) {
        List<String> c = new java.util.ArrayList<>(List.of(
                "pgbackrest",
                "--repo1-path=" + PgBackRestRestore.SOURCE_MOUNT,
                // no --lock-path: repo-ls takes no lock, and pgBackRest refuses an option its command does not know
                "--log-level-file=off",
                "--log-level-console=warn"));
        c.addAll(ArchiveListing.arguments(stanza));
        return c;
    }

    /**
     * $1 the stanza, $2 the repository's path, $3 when not empty the newest segment to read (only it and older ones of
     * its timeline: the last commit before a hole in the archive, docs/decisions/0050). Prints "last commit: YYYY-MM-DD
     * HH:MM:SS.ffffff UTC" for the newest commit record found in the newest {@value #SEGMENTS} archived segments (newest
     * first), or "no commit". The segments are read
     * straight from the repository's files and decompressed here with Debian's lz4 or gzip (pgBackRest compresses the
     * archive with lz4, compress-type in the stack's pgbackrest.conf): pgBackRest's archive-get would want the
     * cluster's pg_control, which a stopped cluster's helper does not have, and repo-get does not decompress.
     */
    public static String lastCommitScript() {
        return "set -u\n"
                + "waldump=$(ls /usr/lib/postgresql/*/bin/pg_waldump 2>/dev/null | sort -V | tail -n 1)\n"
                + "[ -n \"$waldump\" ] || { echo 'no pg_waldump in the image' >&2; exit 1; }\n"
                + "command -v lz4 >/dev/null || { echo 'no lz4 in the image (rebuild it: stack/images/build-local.sh)' >&2;"
                + " exit 1; }\n"
                + "mkdir -p /tmp/pgha-scan\n"
                + "cd \"$2\" || exit 1\n"
                + "upto=${3:-}\n"
                + "for f in $(ls archive/\"$1\"/*/*/* 2>/dev/null"
                + " | grep -E '/[0-9A-F]{24}-[0-9a-f]{40}(\\.(lz4|gz))?$'"
                + " | awk -F/ -v u=\"$upto\" 'u == \"\" || (substr($NF, 1, 8) == substr(u, 1, 8)"
                + " && substr($NF, 1, 24) <= u)'"
                + " | sort -r | head -n " + SEGMENTS + "); do\n"
                + "  s=$(basename \"$f\" | cut -c1-24)\n"
                + "  case \"$f\" in\n"
                + "    *.lz4) lz4 -dc <\"$f\" >/tmp/pgha-scan/\"$s\" ;;\n"
                + "    *.gz) gzip -dc <\"$f\" >/tmp/pgha-scan/\"$s\" ;;\n"
                + "    *) cp \"$f\" /tmp/pgha-scan/\"$s\" ;;\n"
                + "  esac || continue\n"
                + "  t=$(\"$waldump\" /tmp/pgha-scan/\"$s\" 2>/dev/null"
                + " | grep -o 'COMMIT [0-9-]* [0-9:.]* UTC' | tail -n 1)\n"
                + "  rm -f /tmp/pgha-scan/\"$s\"\n"
                + "  if [ -n \"$t\" ]; then echo \"last commit: ${t#COMMIT }\"; exit 0; fi\n"
                + "done\n"
                + "echo 'no commit'\n";
    }

    /** The command that runs {@link #lastCommitScript()} for {@code stanza} in the mounted repository. */
    public static List<String> lastCommitCommand(String stanza) {
        return lastCommitCommand(stanza, PgBackRestRestore.SOURCE_MOUNT, "");
    }

    /**
     * The command that runs {@link #lastCommitScript()} for {@code stanza} in the repository at {@code repository},
     * reading only segments up to {@code upTo} on its timeline when it is not empty.
     */
    public static List<String> lastCommitCommand(String stanza, String repository, String upTo) {
        return List.of("sh", "-c", lastCommitScript(), "scan", stanza, repository, upTo);
    }

    /** The newest commit's time in {@link #lastCommitScript()}'s output, when it found one. */
    public static Optional<Instant> lastCommit(String output) {
        Matcher m = COMMIT.matcher(output == null ? "" : output);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(m.group(1), FORMAT).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static final DateTimeFormatter FORMAT = new java.time.format.DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .toFormatter();

    /**
     * The window of a repository read without its cluster: its backups, to the newest commit in the archive, or to the
     * newest backup's end when the archive's newest segments have none.
     */
    public static RecoverableWindow window(RepositoryInfo info, Optional<Instant> lastCommit) {
        return new RecoverableWindow(info.backups(), end(info, lastCommit));
    }

    /**
     * The same over the archive's continuity (docs/decisions/0050): only the backups with unbroken WAL, and a hole after
     * the newest one ends the window at {@code lastCommitBeforeGap}.
     */
    public static RecoverableWindow window(
            RepositoryInfo info,
            Optional<Instant> lastCommit,
            WalContinuity continuity,
            Optional<Instant> lastCommitBeforeGap) {
        return RecoverableWindow.of(end(info, lastCommit), continuity, lastCommitBeforeGap);
    }

    private static Instant end(RepositoryInfo info, Optional<Instant> lastCommit) {
        return lastCommit.orElseGet(() -> info.latest().map(BackupRecord::stop).orElse(Instant.EPOCH));
    }
}
