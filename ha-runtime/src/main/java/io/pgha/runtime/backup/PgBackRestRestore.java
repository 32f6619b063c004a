package io.pgha.runtime.backup;

import java.util.ArrayList;
import java.util.List;

/**
 * pgBackRest's restore of another stack's repository into a new data directory, and PostgreSQL's recovery of it to the
 * target (docs/decisions/0022). The commands run in a short-lived helper container of the stack's PostgreSQL image that
 * mounts the source repository read-only at {@link #SOURCE_MOUNT} and the new leader's data volume where Patroni keeps
 * it; everything after is Patroni's (it starts on the recovered data directory and the replicas clone from it).
 *
 * @param stanza the source stack's stanza (its Patroni scope)
 * @param set    the backup to restore (pgBackRest's label)
 * @param target where recovery ends
 */
public record PgBackRestRestore(String stanza, String set, RestoreTarget target) {

    /** Where the helper mounts the source stack's repository volume, read-only. */
    public static final String SOURCE_MOUNT = "/home/postgres/restore-source";

    /** The data directory, as in every node of the local image (PGDATA). */
    public static final String PGDATA = "/home/postgres/pgdata/pgroot/data";

    /** The helper's PostgreSQL log during recovery. */
    public static final String RECOVERY_LOG = "/home/postgres/pgdata/pgha-restore.log";

    /**
     * pgBackRest's restore, as postgres: the backup's files into an empty {@link #PGDATA}, and recovery settings
     * (restore_command from the source repository, the target, promote at the target) in postgresql.auto.conf. Only
     * command-line options: the helper has no pgbackrest.conf, and pgBackRest carries them into restore_command.
     */
    public List<String> restoreCommand() {
        List<String> c = new ArrayList<>(List.of(
                "pgbackrest",
                "--stanza=" + stanza,
                "--repo1-path=" + SOURCE_MOUNT,
                "--pg1-path=" + PGDATA,
                "--log-level-console=info",
                "--log-level-file=off",
                "--lock-path=/tmp/pgbackrest",
                "--process-max=2"));
        c.addAll(target.arguments(set));
        c.add("restore");
        return c;
    }

    /**
     * PostgreSQL's recovery to the target, as postgres: start on the restored directory with nothing but the local
     * socket (no TLS files, no archiving into any repository, no synchronous standby to wait for: the source's Patroni
     * may have left synchronous_standby_names set, and every commit would wait), wait until it has promoted, then clear
     * what pgBackRest put in postgresql.auto.conf and what the source's Patroni cached, and stop cleanly. On a recovery
     * that cannot reach its target PostgreSQL stops with FATAL, and the script ends non-zero with the log's tail.
     */
    public static String recoveryScript(String superuser, int timeoutSeconds) {
        return "set -u\n"
                + "pg_ctl -D " + PGDATA + " -l " + RECOVERY_LOG + " -w -t " + timeoutSeconds
                + " -o \"-c ssl=off -c archive_mode=off -c synchronous_standby_names='' -c listen_addresses=''"
                + " -c unix_socket_directories=/tmp"
                + " -c hba_file=" + PGDATA + "/pg_hba.conf\" start >/dev/null || { tail -n 20 " + RECOVERY_LOG
                + "; exit 1; }\n"
                + "deadline=$(( $(date +%s) + " + timeoutSeconds + " ))\n"
                + "while :; do\n"
                + "  r=$(psql -X -tA -h /tmp -U " + superuser
                + " -d postgres -c 'SELECT pg_is_in_recovery()' 2>/dev/null)\n"
                + "  [ \"$r\" = f ] && break\n"
                + "  if ! pg_ctl -D " + PGDATA + " status >/dev/null; then echo 'recovery stopped:'; tail -n 20 "
                + RECOVERY_LOG + "; exit 1; fi\n"
                + "  [ $(date +%s) -lt $deadline ] || { echo 'recovery did not end in time'; tail -n 20 "
                + RECOVERY_LOG + "; exit 1; }\n"
                + "  sleep 0.2\n"
                + "done\n"
                + "psql -X -tA -h /tmp -U " + superuser + " -d postgres -c 'SELECT now()' >/dev/null\n"
                + "echo \"promoted: $(psql -X -tA -h /tmp -U " + superuser
                + " -d postgres -c 'SELECT pg_current_wal_lsn()')\"\n";
    }

    /** As root: the SQL in {@code file} (the new stack's role passwords as verifiers), then the file removed. */
    public static List<String> seedSql(String superuser, String file) {
        return List.of(
                "sh",
                "-c",
                "psql -X -q -v ON_ERROR_STOP=1 -h /tmp -U " + superuser + " -d postgres -f " + file + "; r=$?; rm -f "
                        + file + "; exit $r");
    }

    /**
     * As postgres: a clean stop, then no trace of the source's Patroni cache or of recovery left for Patroni; and the
     * history file of the timeline the promotion began marked ready for the archiver (recovery ran with archive_mode
     * off, so PostgreSQL did not mark it), so that the stack's archive gets it as soon as Patroni starts PostgreSQL:
     * without it a later restore could not follow that timeline, and a later promotion would pick its number again.
     */
    public static String stopScript() {
        return "set -eu\n"
                + "pg_ctl -D " + PGDATA + " -m fast -w stop >/dev/null\n"
                + "rm -f " + PGDATA + "/patroni.dynamic.json " + PGDATA + "/recovery.signal " + PGDATA
                + "/standby.signal\n"
                + "for h in " + PGDATA + "/pg_wal/*.history; do\n"
                + "  [ -e \"$h\" ] || continue\n"
                + "  s=" + PGDATA + "/pg_wal/archive_status/$(basename \"$h\")\n"
                + "  [ -e \"$s.done\" ] || [ -e \"$s.ready\" ] || touch \"$s.ready\"\n"
                + "done\n";
    }
}
