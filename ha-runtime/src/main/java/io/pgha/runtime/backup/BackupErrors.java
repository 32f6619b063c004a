package io.pgha.runtime.backup;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.docker.ExecResult;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one translation of pgBackRest's failures (an {@code ERROR: [NNN]: message} line and the same number as exit code)
 * into {@link PghaException}s that say what to do.
 */
public final class BackupErrors {

    private static final Pattern ERROR = Pattern.compile("ERROR: \\[(\\d{3})]: ([^\\n]*)");
    /** The shell's "command not found". */
    private static final int NOT_FOUND = 127;

    private BackupErrors() {}

    /** pgBackRest's lock error: another command of the stanza (a backup, an expire) holds its lock. */
    static final int LOCK_HELD = 50;

    /** The failure of {@code what} (e.g. "back up stanza pg-ha on pg-0") from pgBackRest's exit code and output. */
    public static PghaException translate(String what, ExecResult r) {
        return translate(what, r, Optional.empty());
    }

    /** Whether pgBackRest failed because another command holds the stanza's lock. */
    public static boolean lockHeld(ExecResult r) {
        return !r.ok()
                && error(r.stdout())
                        .or(() -> error(r.stderr()))
                        .map(m -> Integer.parseInt(m.group(1)) == LOCK_HELD)
                        .orElse(r.exitCode() == LOCK_HELD);
    }

    /**
     * As {@link #translate(String, ExecResult)}; a held lock with the backup that holds it ({@code running}, when one was
     * found) is said as "a backup is already running", with its type, member and start, and what to do — not as
     * pgBackRest's error (docs/decisions/0034).
     */
    public static PghaException translate(String what, ExecResult r, Optional<RunningBackup> running) {
        if (running.isPresent() && lockHeld(r)) {
            RunningBackup b = running.get();
            return PghaException.conflict("cannot " + what + ": a " + b.type().id() + " backup is already running"
                    + b.member().map(m -> " on " + m).orElse("")
                    + (b.fromStandby() ? " (from a standby)" : "")
                    + ", since " + b.since().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    + " (pgBackRest runs one backup of a stanza at a time). Wait for it to end: pgha backup list"
                    + " shows it running, then lists it; take another one after it only if you still need one");
        }
        if (r.exitCode() == NOT_FOUND) {
            return PghaException.unavailable(
                    "cannot " + what + ": the node's image has no pgBackRest. Backups need the "
                            + "local images (pgha up --images local) built since backups came: up does not rebuild an "
                            + "older pgha/spilo-17:local, so run stack/images/build-local.sh, then pgha down and up "
                            + "(the data is kept); or make the stack without them (--no-backups)");
        }
        Optional<Matcher> error = error(r.stdout()).or(() -> error(r.stderr()));
        if (error.isEmpty()) {
            String text = (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip();
            return PghaException.unavailable(
                    "cannot " + what + " (exit " + r.exitCode() + ")" + (text.isEmpty() ? "" : ": " + lastLine(text)));
        }
        int code = Integer.parseInt(error.get().group(1));
        String message = error.get().group(2).strip();
        String said = "cannot " + what + ": pgBackRest error " + code + ": " + message;
        return switch (code) {
            case LOCK_HELD ->
                PghaException.conflict(said
                        + ". Another pgBackRest command (a backup, or an expire) holds the stanza's lock; wait for it "
                        + "to end (pgha backup list shows a running backup) and try again");
            case 55, 75 ->
                PghaException.notFound(
                        said + ". The stanza is missing from the repository: run pgha up again, which creates it");
            case 82 ->
                PghaException.unavailable(
                        said + ". WAL is not reaching the archive: see pgha backup check and the primary's log "
                                + "(docker logs), e.g. a full backups volume");
            case 87 ->
                PghaException.unavailable(
                        said + ". archive_mode is off on this node: the stack was made without backups");
            case 28, 44, 51 ->
                PghaException.conflict(
                        said + ". The repository belongs to another database: the stack's backups volume was reused; "
                                + "remove it (pgha down --volumes) or give the stack another name");
            default -> {
                if (message.contains("No space left") || message.contains("ENOSPC")) {
                    yield PghaException.unavailable(
                            said + ". The backups volume is full: remove old backups or give Docker more disk");
                }
                yield PghaException.unavailable(said);
            }
        };
    }

    private static Optional<Matcher> error(String text) {
        Matcher m = ERROR.matcher(text == null ? "" : text);
        return m.find() ? Optional.of(m) : Optional.empty();
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\n");
        return lines[lines.length - 1].strip();
    }
}
