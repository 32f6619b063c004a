package io.pgha.runtime.stack;

import io.pgha.runtime.PghaException;

/**
 * Continuous WAL archiving and base backups with pgBackRest into the stack's own repository volume (docs/decisions/0021).
 * The local image profile runs them; the official Spilo image's WAL-G is not wired yet, so a stack on it runs without.
 *
 * @param enabled       whether the stack archives WAL and takes base backups
 * @param retentionFull how many full backups the repository keeps (the WAL between them goes with them)
 * @param schedule      when base backups are due (docs/decisions/0025)
 */
public record Backups(boolean enabled, int retentionFull, BackupSchedule schedule) {

    /** With the default schedule. */
    public Backups(boolean enabled, int retentionFull) {
        this(enabled, retentionFull, BackupSchedule.DEFAULTS);
    }

    public static final Backups DEFAULTS = new Backups(true, 2);

    /** The committed seed stack: no archive, no repository. */
    public static final Backups OFF = new Backups(false, 2);

    /** The stack's repository volume (compose key; Docker name {@code <stack>_backups}). */
    public static final String VOLUME = "backups";

    /** The Docker name of {@code stack}'s repository volume. */
    public static String volumeOf(String stack) {
        return stack + "_" + VOLUME;
    }

    /** Where every PostgreSQL container mounts the repository volume (pgBackRest's repo1-path). */
    public static final String REPOSITORY_MOUNT = "/home/postgres/backups";

    /** pgBackRest's configuration file in a PostgreSQL container, rendered from the spec. */
    public static final String CONFIG_PATH = "/etc/pgbackrest/pgbackrest.conf";

    /** The same file beside a compose file. */
    public static final String CONFIG_FILE = "pgbackrest/pgbackrest.conf";

    public Backups {
        if (retentionFull < 1 || retentionFull > 99) {
            throw PghaException.invalidInput(
                    "backups.retention_full is how many full backups to keep, 1 to 99, not " + retentionFull);
        }
    }

    public Backups withEnabled(boolean on) {
        return new Backups(on, retentionFull, schedule);
    }
}
