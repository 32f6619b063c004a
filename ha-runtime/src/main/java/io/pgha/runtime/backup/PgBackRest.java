package io.pgha.runtime.backup;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.docker.ExecResult;
import io.pgha.runtime.stack.Backups;
import io.pgha.runtime.stack.PgBackRestConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * pgBackRest in a PostgreSQL node's container, run as the postgres user (files in the repository must stay postgres's):
 * the stanza, backups, the repository's info and the archive's check. The configuration is the one the stack rendered
 * into /etc/pgbackrest/pgbackrest.conf.
 */
public final class PgBackRest {

    private static final Duration SHORT = Duration.ofSeconds(60);
    /** check waits for a switched segment to be archived (pgBackRest's archive-timeout, 60 s by default). */
    private static final Duration CHECK = Duration.ofSeconds(120);

    private final DockerEngine docker;
    private final String stanza;
    private final String superuser;

    /**
     * @param stanza    the stanza, the stack's Patroni scope
     * @param superuser the PostgreSQL superuser (for psql over the local socket)
     */
    public PgBackRest(DockerEngine docker, String stanza, String superuser) {
        this.docker = docker;
        this.stanza = stanza;
        this.superuser = superuser;
    }

    /** Creates the stanza in the repository from the primary in {@code container}; a no-op when it exists and matches. */
    public void stanzaCreate(String container) {
        run(container, "create stanza " + stanza + " on " + container, SHORT, "stanza-create");
    }

    /**
     * The stanza and, when the repository has no backup yet, a first full one, all in the background in {@code
     * container} (the leader's): one {@code docker exec} that returns at once, so {@code pgha up} does not wait for
     * pgBackRest (docs/decisions/0021). Fails only when the image has no pgBackRest; what the background run does goes
     * to {@value #FIRST_BACKUP_LOG} there, and {@link #info} shows the backup running, then done.
     */
    public void startFirstBackup(String container, String member) {
        ExecResult r = docker.exec(
                container, asPostgres(List.of("sh", "-c", FIRST_BACKUP, "pgha", stanza, member, superuser)), SHORT);
        if (!r.ok()) {
            throw BackupErrors.translate("start the first backup on " + container, r);
        }
    }

    /** Where the background stanza-create and first backup write what they say. */
    public static final String FIRST_BACKUP_LOG = "/home/postgres/pgdata/pgbackrest/log/pgha-first-backup.log";

    /**
     * $1 the stanza, $2 the member, $3 the superuser. The inner script is single-quoted and has no single quote; pgBackRest's JSON info
     * is read with the image's python3 (Patroni's own interpreter).
     */
    private static final String FIRST_BACKUP = "command -v pgbackrest >/dev/null"
            + " || { echo 'pgbackrest: not found' >&2; exit 127; }\n"
            + "setsid -f sh -c 'tries=0\n"
            // the archiver's first asynchronous push may hold the stanza's archive lock for a moment: try again, 30 s
            + "until pgbackrest --stanza=\"$1\" stanza-create; do tries=$((tries+1));"
            + " [ $tries -lt 30 ] || exit 1; sleep 1; done\n"
            // pushes made before the stanza existed failed, and after three failures PostgreSQL's archiver waits 60 s
            // before it tries again, holding back the WAL the first backup waits for: a reload wakes it now
            + "psql -X -q -h /var/run/postgresql -U \"$3\" -d postgres -c \"SELECT pg_reload_conf()\" >/dev/null"
            + " && echo first-backup: stanza ready, archiver woken || echo first-backup: could not wake the archiver\n"
            + "pgbackrest --stanza=\"$1\" --output=json info | python3 -c \"import json, sys;"
            + " sys.exit(0 if any(s.get(\\\"backup\\\") for s in json.load(sys.stdin)) else 1)\" && exit 0\n"
            + "exec pgbackrest --stanza=\"$1\" --type=full --annotation=" + PgBackRestInfo.MEMBER_ANNOTATION
            + "=\"$2\" backup' first-backup \"$1\" \"$2\" \"$3\" >>" + FIRST_BACKUP_LOG + " 2>&1 </dev/null\n";

    /** Runs a backup in {@code container} (the leader's) and returns when it is done, or fails after {@code limit}. */
    public void backup(String container, BackupType type, String member, Duration limit) {
        runBackup(container, type, backupArguments(type, member), limit);
    }

    /**
     * Runs a backup in {@code container}, a replica's, and returns when it is done: pgBackRest's {@code --backup-standby},
     * with {@code primary} reached through its TLS server for the backup's start and stop and the files a standby
     * does not have (docs/decisions/0027).
     */
    public void backupFromStandby(String container, BackupType type, String member, String primary, Duration limit) {
        List<String> arguments = new ArrayList<>(List.of("--backup-standby"));
        arguments.addAll(PgBackRestConfig.remotePrimary(primary, superuser));
        arguments.addAll(backupArguments(type, member));
        runBackup(container, type, arguments, limit);
    }

    private void runBackup(String container, BackupType type, List<String> arguments, Duration limit) {
        List<String> command = pgbackrest(arguments);
        ExecResult r = docker.exec(container, command, limit);
        if (!r.ok()) {
            Optional<RunningBackup> running = BackupErrors.lockHeld(r) ? runningBackup(container) : Optional.empty();
            throw BackupErrors.translate("take a " + type.id() + " backup on " + container, r, running);
        }
    }

    /**
     * The backup running in {@code container} (its pgBackRest process), when there is one; empty also when it cannot be
     * told (docs/decisions/0034).
     */
    public Optional<RunningBackup> runningBackup(String container) {
        try {
            ExecResult r = docker.exec(container, RunningBackup.findCommand(), SHORT);
            return r.ok() ? RunningBackup.parse(r.stdout()) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a pgBackRest backup process runs in any of {@code containers} (the members'): {@code PRESENT} at the first
     * found, {@code ABSENT} when every container answered without one, {@code UNKNOWN} when some could not be asked.
     */
    public BackupActivity.Process backupProcess(List<String> containers) {
        // one exec per container, side by side: pgha status answers within its deadline
        List<BackupActivity.Process> answers;
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<BackupActivity.Process>> asked = containers.stream()
                    .map(c -> threads.submit(() -> processIn(c)))
                    .toList();
            answers = asked.stream().map(PgBackRest::answer).toList();
        }
        if (answers.contains(BackupActivity.Process.PRESENT)) {
            return BackupActivity.Process.PRESENT;
        }
        return answers.contains(BackupActivity.Process.UNKNOWN)
                ? BackupActivity.Process.UNKNOWN
                : BackupActivity.Process.ABSENT;
    }

    private static BackupActivity.Process answer(java.util.concurrent.Future<BackupActivity.Process> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return BackupActivity.Process.UNKNOWN;
        } catch (java.util.concurrent.ExecutionException e) {
            return BackupActivity.Process.UNKNOWN;
        }
    }

    private BackupActivity.Process processIn(String container) {
        try {
            ExecResult r = docker.exec(container, RunningBackup.findCommand(), SHORT);
            if (!r.ok()) {
                return BackupActivity.Process.UNKNOWN;
            }
            return RunningBackup.parse(r.stdout()).isPresent()
                    ? BackupActivity.Process.PRESENT
                    : BackupActivity.Process.ABSENT;
        } catch (RuntimeException e) {
            return BackupActivity.Process.UNKNOWN;
        }
    }

    /**
     * {@link #info} read in {@code container}, whose "backup running" is the lock or, when the lock reads free, a backup
     * process in one of {@code members} (docs/decisions/0050).
     */
    public RepositoryInfo info(String container, List<String> members) {
        RepositoryInfo info = info(container);
        return info.backupRunning()
                ? info
                : info.withBackupRunning(BackupActivity.running(false, backupProcess(members), false));
    }

    /** The stanza's backups and archive as the repository holds them (read from any node that mounts it). */
    public RepositoryInfo info(String container) {
        ExecResult r = docker.exec(container, pgbackrest(List.of("--output=json", "info")), SHORT);
        if (!r.ok()) {
            throw BackupErrors.translate("read the repository's info for " + stanza + " on " + container, r);
        }
        return PgBackRestInfo.parse(r.stdout(), stanza);
    }

    /** The stanza's archive as the repository holds it, segment by segment (docs/decisions/0050). */
    public ArchiveListing archiveListing(String container) {
        ExecResult r = docker.exec(container, pgbackrest(ArchiveListing.arguments(stanza)), SHORT);
        if (!r.ok()) {
            throw BackupErrors.translate("list the WAL archive of " + stanza + " on " + container, r);
        }
        return ArchiveListing.parse(r.stdout());
    }

    /**
     * The newest commit in the archived segments up to {@code segment} on its timeline, read in {@code container} with
     * pg_waldump ({@link RepositoryScan}); empty when they have none or it cannot be read.
     */
    public Optional<Instant> lastCommitUpTo(String container, String segment) {
        try {
            ExecResult r = docker.exec(
                    container,
                    asPostgres(RepositoryScan.lastCommitCommand(stanza, Backups.REPOSITORY_MOUNT, segment)),
                    CHECK);
            return r.ok() ? RepositoryScan.lastCommit(r.stdout()) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The honest recoverable window (docs/decisions/0050): the repository's backups over the archive's listing, to
     * {@code end} or to the last commit before a hole in the archive after the newest backup.
     */
    public RecoverableWindow window(String container, List<BackupRecord> backups, Instant end) {
        WalContinuity c = WalContinuity.of(backups, archiveListing(container), Instant.now());
        return RecoverableWindow.of(end, c, c.gapAfter().flatMap(g -> lastCommitUpTo(container, g.lastPresent())));
    }

    /**
     * pgBackRest's check on the primary in {@code container}: the configuration, the repository, and a WAL switch that
     * reaches the archive within pgBackRest's archive timeout. Fails with what is wrong.
     */
    public void check(String container) {
        run(container, "check the archive of " + stanza + " on " + container, CHECK, "check");
    }

    /** Commits a transaction id on the primary in {@code container} (no table changes): a commit record in the WAL. */
    public void commitMark(String container) {
        ExecResult r = docker.exec(container, psql("SELECT txid_current()"), SHORT);
        if (!r.ok()) {
            throw PghaException.unavailable(
                    "cannot commit on " + container + ": " + r.stderr().strip());
        }
    }

    /**
     * Why the asynchronous archive-push failed last in {@code container} ({@link ArchivePushError}), {@code volume} being
     * the repository's volume; empty when its spool holds no error, or it cannot be read.
     */
    public Optional<String> archivePushError(String container, String volume) {
        try {
            ExecResult r = docker.exec(
                    container,
                    asPostgres(List.of(
                            "sh",
                            "-c",
                            ArchivePushError.NEWEST_ERROR_SCRIPT,
                            "pgha",
                            PgBackRestConfig.WORK_DIR + "/spool",
                            stanza)),
                    SHORT);
            return r.ok() ? ArchivePushError.describe(r.stdout(), volume) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The archiver's statistics and the archive lag on the primary in {@code container}. */
    public ArchiveStatus archiveStatus(String container) {
        String sql = "SELECT pg_current_wal_lsn(), pg_walfile_name(pg_current_wal_lsn()),"
                + " coalesce(last_archived_wal, ''), coalesce(extract(epoch FROM last_archived_time)::text, ''),"
                + " coalesce(last_failed_wal, ''), coalesce(extract(epoch FROM last_failed_time)::text, ''),"
                + " failed_count, pg_size_bytes(current_setting('wal_segment_size')) FROM pg_stat_archiver";
        ExecResult r = docker.exec(container, psql(sql), SHORT);
        if (!r.ok()) {
            throw PghaException.unavailable("cannot read the archiver's statistics on " + container + ": "
                    + r.stderr().strip());
        }
        return parseArchiveStatus(r.stdout());
    }

    static ArchiveStatus parseArchiveStatus(String line) {
        String[] f = line.strip().split("\\|", -1);
        if (f.length < 8) {
            throw PghaException.unavailable("unexpected answer from pg_stat_archiver: " + line.strip());
        }
        long segmentSize = Long.parseLong(f[7]);
        OptionalLong lag = f[2].isEmpty() ? OptionalLong.empty() : ArchiveLag.bytes(f[0], f[1], f[2], segmentSize);
        return new ArchiveStatus(
                f[0], f[1], text(f[2]), epoch(f[3]), text(f[4]), epoch(f[5]), Long.parseLong(f[6]), lag);
    }

    private static Optional<String> text(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static Optional<Instant> epoch(String s) {
        if (s.isEmpty()) {
            return Optional.empty();
        }
        double seconds = Double.parseDouble(s);
        long whole = (long) Math.floor(seconds);
        return Optional.of(Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1e9)));
    }

    private List<String> backupArguments(BackupType type, String member) {
        return List.of(
                "--type=" + type.id(), "--annotation=" + PgBackRestInfo.MEMBER_ANNOTATION + "=" + member, "backup");
    }

    private void run(String container, String what, Duration limit, String... arguments) {
        ExecResult r = docker.exec(container, pgbackrest(List.of(arguments)), limit);
        if (!r.ok()) {
            throw BackupErrors.translate(what, r);
        }
    }

    /** psql as postgres over the local socket, unaligned with | between fields. */
    private List<String> psql(String sql) {
        return asPostgres(List.of(
                "psql",
                "-X",
                "-q",
                "-t",
                "-A",
                "-F",
                "|",
                "-h",
                "/var/run/postgresql",
                "-U",
                superuser,
                "-d",
                "postgres",
                "-c",
                sql));
    }

    /** pgbackrest as postgres with this stanza; arguments are names and ids pgha made (no user text). */
    private List<String> pgbackrest(List<String> arguments) {
        List<String> c = new ArrayList<>(List.of("pgbackrest", "--stanza=" + stanza));
        c.addAll(arguments);
        return asPostgres(c);
    }

    private static List<String> asPostgres(List<String> command) {
        List<String> c = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        c.addAll(command);
        return c;
    }
}
