package io.pgha.runtime.stack;

import java.util.List;

/**
 * pgBackRest's configuration for every PostgreSQL node of a stack (docs/decisions/0021): the repository on the stack's
 * backups volume, the stanza named after the Patroni scope, asynchronous archiving with a spool on the node's data
 * volume, and the retention. No secret in it: pgBackRest reaches PostgreSQL over the local socket. On a stack with TLS
 * every node also runs {@code pgbackrest server}, so that a backup on a replica reaches the primary through pgBackRest's
 * own protocol (docs/decisions/0027).
 */
public final class PgBackRestConfig {

    /** pgBackRest's own files on the node's data volume: the async archive's spool and the logs. */
    public static final String WORK_DIR = StackLayout.PGDATA_MOUNT + "/pgbackrest";

    /** pgBackRest's TLS server port on every node (its default), on the stack's network only. */
    public static final int SERVER_PORT = 8432;

    private static final String DATA = "/home/postgres/pgdata/pgroot/data";
    private static final String SOCKET = "/var/run/postgresql";
    /** The node's certificate, key and CA as Patroni and PostgreSQL read them: postgres's copies (the entrypoint's). */
    private static final String CERTS = "/run/certs";

    private PgBackRestConfig() {}

    /**
     * Whether the stack's pgBackRest can back up from a standby ({@code --backup-standby}): when the stack has TLS, every
     * node runs the TLS server, and a replica reaches the primary through it with its own node certificate.
     */
    public static boolean standbyBackups(StackSpec spec) {
        return spec.security().tls();
    }

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
                + (standbyBackups(spec) ? server(spec) : "")
                + "\n"
                // restore_command (docs/decisions/0070) fetches one segment at a time from a repository on a local
                // volume: asynchronous, each call that finds nothing took ~115 ms instead of ~11 ms (the async process
                // started and asked), and a standby asks for its next segment on every retry while its primary is gone
                + "[global:archive-get]\n"
                + "archive-async=n\n"
                + "\n"
                + "[" + spec.scope() + "]\n"
                + "pg1-path=" + DATA + "\n"
                + "pg1-socket-path=" + SOCKET + "\n"
                + "pg1-port=5432\n"
                + "pg1-user=" + spec.users().superuser() + "\n";
    }

    /**
     * The TLS server's part: it listens on every address of the container, shows the node's certificate, and lets in
     * the clients whose certificate the stack's CA signed and whose name is a PostgreSQL node's (any of the names a
     * node may have, so that a node added later is let in without rewriting this file), for this stanza only.
     */
    private static String server(StackSpec spec) {
        StringBuilder b = new StringBuilder()
                .append("tls-server-address=*\n")
                .append("tls-server-port=")
                .append(SERVER_PORT)
                .append('\n')
                .append("tls-server-cert-file=" + CERTS + "/server.crt\n")
                .append("tls-server-key-file=" + CERTS + "/server.key\n")
                .append("tls-server-ca-file=" + CERTS + "/ca.crt\n");
        for (int node = 0; node < StackSpec.MAX_NODES; node++) {
            b.append("tls-server-auth=pg-")
                    .append(node)
                    .append('=')
                    .append(spec.scope())
                    .append('\n');
        }
        return b.toString();
    }

    /**
     * The options that make {@code primary} pgBackRest's {@code pg2} for a backup run on a replica with {@code
     * --backup-standby}: reached over TLS (its server, the name verified against the stack's CA), the client being
     * this node with its own certificate. File paths only: no secret on the command line.
     */
    public static List<String> remotePrimary(String primary, String superuser) {
        return List.of(
                "--pg2-host=" + primary,
                "--pg2-host-type=tls",
                "--pg2-host-port=" + SERVER_PORT,
                "--pg2-host-cert-file=" + CERTS + "/server.crt",
                "--pg2-host-key-file=" + CERTS + "/server.key",
                "--pg2-host-ca-file=" + CERTS + "/ca.crt",
                "--pg2-path=" + DATA,
                "--pg2-socket-path=" + SOCKET,
                "--pg2-port=5432",
                "--pg2-user=" + superuser);
    }

    /**
     * PostgreSQL's archive_timeout on a stack with backups: a segment with commits in it is switched and archived at
     * the latest this long after its first, so the archive (what a restore of a lost cluster gets back) lags the
     * primary by seconds, not by 16 MiB of WAL. An idle cluster switches nothing.
     */
    public static final String ARCHIVE_TIMEOUT = "5s";

    /** Patroni's archive_command: push each completed segment into the repository, whichever node is primary. */
    public static String archiveCommand(StackSpec spec) {
        return stanzaCommand(spec) + " archive-push %p";
    }

    /**
     * Every member's restore_command (docs/decisions/0070): a segment that is no longer in the member's pg_wal nor on
     * the primary (past wal_keep_size, or recycled before an old primary rejoins) is fetched from the repository, by a
     * replica's recovery and by Patroni's pg_rewind ({@code --restore-target-wal}). Like archive_command, it names the
     * stanza only: the repository and everything else come from pgbackrest.conf.
     */
    public static String restoreCommand(StackSpec spec) {
        return stanzaCommand(spec) + " archive-get %f \"%p\"";
    }

    private static String stanzaCommand(StackSpec spec) {
        return "pgbackrest --stanza=" + spec.scope();
    }
}
