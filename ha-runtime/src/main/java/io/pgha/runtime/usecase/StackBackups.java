package io.pgha.runtime.usecase;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.backup.ArchiveStatus;
import io.pgha.runtime.backup.BackupRecord;
import io.pgha.runtime.backup.BackupType;
import io.pgha.runtime.backup.PgBackRest;
import io.pgha.runtime.backup.RecoverableWindow;
import io.pgha.runtime.backup.RepositoryInfo;
import io.pgha.runtime.backup.WalContinuity;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.docker.DockerJavaEngine;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.patroni.PatroniClient;
import io.pgha.runtime.stack.Backups;
import io.pgha.runtime.stack.StackLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Backups of a stack pgha made, for {@code pgha backup} and the console's Backups tab (docs/decisions/0021, 0031):
 * take one now, list the repository, check the archive. Every pgBackRest command runs in the leader's container, found
 * through Patroni; the repository is the stack's backups volume, which every node mounts.
 */
public final class StackBackups implements AutoCloseable {

    private static final Duration PATRONI_CALL = Duration.ofSeconds(3);
    /** The longest a foreground backup may take before pgha stops waiting (pgBackRest goes on). */
    public static final Duration BACKUP_LIMIT = Duration.ofHours(6);

    private final ClusterConnection cluster;
    private final String stack;
    private final PgBackRest tool;
    private final Optional<DockerEngine> owned;
    private final DockerEngine docker;

    private StackBackups(
            ClusterConnection cluster,
            String stack,
            PgBackRest tool,
            DockerEngine docker,
            Optional<DockerEngine> owned) {
        this.cluster = cluster;
        this.stack = stack;
        this.tool = tool;
        this.docker = docker;
        this.owned = owned;
    }

    /** Backups of {@code cluster} on the local Docker engine, which {@link #close} lets go. */
    public static StackBackups onLocalDocker(ClusterConnection cluster) {
        DockerEngine docker = DockerJavaEngine.local();
        try {
            return of(cluster, docker, Optional.of(docker));
        } catch (RuntimeException e) {
            docker.close();
            throw e;
        }
    }

    /** Backups of {@code cluster} through {@code docker}; refused for a cluster pgha attached to rather than made. */
    public static StackBackups of(ClusterConnection cluster, DockerEngine docker) {
        return of(cluster, docker, Optional.empty());
    }

    private static StackBackups of(ClusterConnection cluster, DockerEngine docker, Optional<DockerEngine> owned) {
        String stack = cluster.dockerStack()
                .orElseThrow(() -> PghaException.invalidInput("backups are for stacks pgha made (pgha up); "
                        + cluster.name() + " was attached, and its backups are its own tools' business"));
        String superuser = new CredentialStore()
                .find(cluster.name())
                .map(StackCredentials::superuser)
                .map(StackCredentials.Login::user)
                .orElse("postgres");
        return new StackBackups(cluster, stack, new PgBackRest(docker, cluster.scope(), superuser), docker, owned);
    }

    /** Takes a backup on the leader and returns it when it is done. */
    public BackupRecord now(BackupType type) {
        String leader = leader();
        tool.backup(container(leader), type, leader, BACKUP_LIMIT);
        return tool.info(container(leader))
                .latest()
                .orElseThrow(() -> PghaException.unavailable(
                        "pgBackRest reported the backup done, but the repository lists none; see pgha backup check"));
    }

    /**
     * For {@code pgha status} (docs/decisions/0025): the repository and the leader's archiver read (two execs, nothing
     * written), the recoverable window they give, and warnings; the last backup may be as old as the stack's schedule
     * (its spec, on its containers' labels) allows.
     */
    public io.pgha.runtime.backup.BackupSummary summary() {
        String container = container(leader());
        RepositoryInfo info = tool.info(container, memberContainers());
        ArchiveStatus archive = tool.archiveStatus(container);
        Instant now = Instant.now();
        Duration lateAfter = schedule(container).lateAfter();
        WalContinuity continuity;
        try {
            continuity = WalContinuity.of(info.backups(), tool.archiveListing(container), now);
        } catch (PghaException e) {
            return io.pgha.runtime.backup.BackupSummary.of(info, archive, now, lateAfter)
                    .warn("the archive could not be listed to check it has no hole, so the window assumes it has none ("
                            + e.getMessage() + ")");
        }
        return io.pgha.runtime.backup.BackupSummary.of(
                info,
                archive,
                Optional.of(continuity),
                continuity.gapAfter().flatMap(g -> tool.lastCommitUpTo(container, g.lastPresent())),
                now,
                lateAfter);
    }

    /** The stack's backup schedule, from the spec on its container's labels; the default when it has none. */
    private io.pgha.runtime.stack.BackupSchedule schedule(String container) {
        return spec(container).map(s -> s.backups().schedule()).orElse(io.pgha.runtime.stack.BackupSchedule.DEFAULTS);
    }

    /**
     * The stack's spec, from the labels of its leader's container, when it carries one: whether the stack takes backups
     * at all ({@code StackLayout.of(spec).archives()}), and on which schedule. For the console, which says why a stack
     * has no backups rather than showing pgBackRest's failure.
     */
    public Optional<io.pgha.runtime.stack.StackSpec> spec() {
        return spec(container(leader()));
    }

    private Optional<io.pgha.runtime.stack.StackSpec> spec(String container) {
        return docker.container(container)
                .map(c -> c.labels().get("io.pgha.spec"))
                .filter(y -> y != null && !y.isBlank())
                .map(y -> io.pgha.runtime.stack.StackSpecFile.parse(y).build());
    }

    /** The repository's backups and archive range. */
    public RepositoryInfo list() {
        return tool.info(container(leader()), memberContainers());
    }

    /**
     * Every member's container: where a backup process may run (the leader's, or a replica's for a backup from a standby),
     * asked when pgBackRest's lock reads free (docs/decisions/0050).
     */
    private List<String> memberContainers() {
        return cluster.patroniUrls().keySet().stream()
                .sorted()
                .map(this::container)
                .toList();
    }

    /**
     * pgBackRest's check on the leader (a WAL switch archived within its timeout), then the archiver's statistics and
     * the repository's state. A failed pgBackRest check is a problem in the result, not an exception, so the rest is
     * still shown.
     */
    public BackupCheck check() {
        String leader = leader();
        String container = container(leader);
        List<String> problems = new ArrayList<>();
        ArchiveStatus archive = tool.archiveStatus(container);
        // a failing archiver would only make pgBackRest's check wait its whole timeout for a switched segment
        if (!archive.failing()) {
            try {
                tool.check(container);
            } catch (PghaException e) {
                problems.add(e.getMessage());
            }
            archive = tool.archiveStatus(container);
        }
        if (archive.failing()) {
            problems.add("archive_command failed on " + archive.lastFailedWal().orElse("?") + " at "
                    + archive.lastFailedAt().map(Object::toString).orElse("?") + " (" + archive.failedCount()
                    + " failures so far): "
                    + tool.archivePushError(container, Backups.volumeOf(stack)).orElse("see docker logs " + container));
        }
        RepositoryInfo info = tool.info(container, memberContainers());
        if (info.latest().isEmpty()) {
            problems.add(
                    info.backupRunning()
                            ? "no backup finished yet; one is running"
                            : "the repository has no backup: pgha backup now" + clusterFlag());
        }
        List<String> warnings = new ArrayList<>();
        try {
            WalContinuity c = WalContinuity.of(info.backups(), tool.archiveListing(container), Instant.now());
            c.gapAfter()
                    .ifPresent(g -> problems.add(g.describe() + "; a restore to a time after it fails: take a full"
                            + " backup to start an unbroken window (pgha backup now --type full" + clusterFlag()
                            + ")"));
            if (!c.cutOff().isEmpty()) {
                warnings.add("backups "
                        + String.join(
                                ", ",
                                c.cutOff().stream().map(BackupRecord::label).toList())
                        + " are out of the recoverable window: "
                        + String.join(
                                "; ",
                                c.earlier().stream()
                                        .map(WalContinuity.Gap::describe)
                                        .toList())
                        + (c.earlier().isEmpty() ? "their own WAL is not all in the archive" : "")
                        + " (pgha restore --backup ID can still restore one that has its own WAL)");
            }
        } catch (PghaException e) {
            problems.add("cannot list the WAL archive to check it has no hole: " + e.getMessage());
        }
        return new BackupCheck(leader, problems, warnings, archive, info);
    }

    /**
     * The recoverable window now (docs/decisions/0022): a transaction id committed on the leader (no data changes), then
     * pgBackRest's check there switches the WAL and waits until the segment is archived, so everything committed before
     * the check began is in the archive; the window runs from the end of the oldest backup to that moment.
     */
    public RecoverableWindow window() {
        String container = container(leader());
        Instant end = Instant.now();
        // a commit after that moment: recovery to a time stops at the first commit past it, and an idle cluster might
        // have none in the archive (then PostgreSQL ends recovery "before the target")
        tool.commitMark(container);
        tool.check(container);
        return tool.window(container, tool.info(container).backups(), end);
    }

    /**
     * The recoverable window, from the leader when one runs ({@link #window()}); when none does (every PostgreSQL node
     * stopped or broken), read from the repository volume alone in a helper, to the newest commit in the archive
     * (docs/decisions/0034). The second element says which.
     */
    public WindowRead windowWithOrWithoutLeader() {
        if (runningLeader().isPresent()) {
            return new WindowRead(window(), Optional.empty());
        }
        return new WindowRead(
                new RepositoryReader(docker).window(stack, stanza()),
                Optional.of("no PostgreSQL node of " + cluster.name() + " leads: the window was read from its"
                        + " repository volume, to the newest commit in the archive"));
    }

    /**
     * A window and, when it was read without a leader, why.
     *
     * @param window the recoverable window
     * @param note   how it was read when not on the leader
     */
    public record WindowRead(RecoverableWindow window, Optional<String> note) {}

    /** The stack's stanza (its Patroni scope) and Docker stack name, which a restore reads from. */
    public String stanza() {
        return cluster.scope();
    }

    public String stack() {
        return stack;
    }

    @Override
    public void close() {
        owned.ifPresent(DockerEngine::close);
    }

    private String clusterFlag() {
        return " -c " + cluster.name();
    }

    private String container(String member) {
        return StackLayout.containerName(stack, member);
    }

    /** The leader, when a member answers and names one; empty when none does. */
    private Optional<String> runningLeader() {
        try {
            return Optional.of(leader());
        } catch (PghaException e) {
            return Optional.empty();
        }
    }

    private String leader() {
        PghaException last = null;
        for (String url : cluster.patroniUrls().values()) {
            try {
                Optional<Member> leader = PatroniClient.create(url, cluster.caFile(), PATRONI_CALL)
                        .cluster()
                        .leader();
                if (leader.isPresent()) {
                    return leader.get().name();
                }
            } catch (PghaException e) {
                last = e;
            }
        }
        throw PghaException.unavailable("no leader in " + cluster.name() + " to run pgBackRest on"
                + (last != null ? " (" + last.getMessage() + ")" : "") + "; see pgha status");
    }

    /**
     * What {@code pgha backup check} found.
     *
     * @param leader   the member it ran on
     * @param problems what is wrong, empty when all is well
     * @param warnings what is worth knowing but leaves the newest backups restorable (older backups cut off by a hole
     *                 in the archive)
     * @param archive  the archiver's statistics and lag there
     * @param info     the repository's state
     */
    public record BackupCheck(
            String leader, List<String> problems, List<String> warnings, ArchiveStatus archive, RepositoryInfo info) {
        public BackupCheck {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }
}
