package io.pgha.runtime.stack;

/**
 * pgBackRest's configuration for every PostgreSQL node of a stack (docs/decisions/0021): the repository on the stack's
 * backups volume, the stanza named after the Patroni scope, asynchronous archiving with a spool on the node's data
 * volume, and the retention. No secret in it: pgBackRest reaches PostgreSQL over the local socket.
 */
public final class PgBackRestConfig {

    /** pgBackRest's own files on the node's data volume: the async archive's spool and the logs. */
    public static final String WORK_DIR = StackLayout.PGDATA_MOUNT + "/pgbackrest";

    /**
     * Whether this configuration lets pgBackRest back up from a standby ({@code --backup-standby}): not yet, since that
     * needs the primary reachable from the standby through pgBackRest's own protocol (a {@code pg2-host} over TLS with
     * {@code pgbackrest server} on every node, or ssh), which the stack does not run (docs/decisions/0027).
     */
    public static final boolean STANDBY_BACKUPS = false;

    private PgBackRestConfig() {}

    public static String render(StackSpec spec) {
        return "# pgBackRest for stack " + spec.name() + ", rendered by pgha from its spec (docs/decisions/0021)\n"
                + "[global]\n"
                + "repo1-type=posix\n"
                + "repo1-path=" + Backups.REPOSITORY_MOUNT + "\n"
                + "repo1-retention-full=" + spec.backups().retentionFull() + "\n"
                + "start-fast=y\n"
                + "compress-type=lz4\n"
                + "process-max=2\n"
                + "archive-async=y\n"
                + "spool-path=" + WORK_DIR + "/spool\n"
                + "log-path=" + WORK_DIR + "/log\n"
                + "log-level-console=warn\n"
                + "log-level-file=info\n"
                + "\n"
                + "[" + spec.scope() + "]\n"
                + "pg1-path=/home/postgres/pgdata/pgroot/data\n"
                + "pg1-socket-path=/var/run/postgresql\n"
                + "pg1-port=5432\n"
                + "pg1-user=" + spec.users().superuser() + "\n";
    }

    /** Patroni's archive_command: push each completed segment into the repository, whichever node is primary. */
    public static String archiveCommand(StackSpec spec) {
        return "pgbackrest --stanza=" + spec.scope() + " archive-push %p";
    }
}
