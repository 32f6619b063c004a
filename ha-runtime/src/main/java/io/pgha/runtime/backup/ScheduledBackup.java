package io.pgha.runtime.backup;

import io.pgha.runtime.stack.BackupSchedule;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the supervisor's backup tick does (docs/decisions/0027): a pure decision on a snapshot of the repository and the
 * cluster, so the loop only reads, asks and acts. Nothing while its own backup runs, another holds the stanza's lock,
 * nothing is due ({@link BackupDue}), there is no running leader or a switchover is scheduled; otherwise the due backup
 * from the streaming replica with the least lag when pgBackRest may back up from a standby, else on the primary, with the
 * reason said.
 */
public final class ScheduledBackup {

    /** A replica further behind than this is not backed up from (its copy would wait on replay for the stop point). */
    public static final long MAX_REPLICA_LAG_BYTES = 16L * 1024 * 1024;

    /** Why the stack's pgBackRest cannot back up from a standby (docs/decisions/0027). */
    public static final String NO_STANDBY_BACKUP = "pgBackRest backs up from a standby only when it reaches the primary"
            + " through its own protocol (its TLS server), which a stack without TLS does not run";

    private ScheduledBackup() {}

    /**
     * One Patroni member as the tick sees it.
     *
     * @param role     "leader", "replica", "sync_standby", … as Patroni says
     * @param running  whether Patroni says its PostgreSQL is running or streaming
     * @param lagBytes its replication lag, when known
     */
    public record Node(String name, String role, boolean running, OptionalLong lagBytes) {
        boolean leader() {
            return role.equals("leader") || role.equals("primary") || role.equals("master");
        }

        boolean replica() {
            return role.equals("replica") || role.equals("sync_standby") || role.equals("quorum_standby");
        }
    }

    /**
     * @param backups             the repository's backups
     * @param repositoryBusy      whether a backup holds the stanza's lock (pgBackRest's info says so)
     * @param ownRunning          whether the supervisor's own backup is still running
     * @param nodes               the cluster's members
     * @param switchoverScheduled whether Patroni has a switchover scheduled (or the cluster is paused)
     * @param standbyBackups      whether the stack's pgBackRest may back up from a standby
     */
    public record Snapshot(
            BackupSchedule schedule,
            List<BackupRecord> backups,
            boolean repositoryBusy,
            boolean ownRunning,
            List<Node> nodes,
            boolean switchoverScheduled,
            boolean standbyBackups,
            Instant now) {
        public Snapshot {
            backups = List.copyOf(backups);
            nodes = List.copyOf(nodes);
        }
    }

    /** The tick's action. */
    public sealed interface Action {
        String why();
    }

    /** Nothing now, and why. */
    public record Wait(String why) implements Action {}

    /**
     * Run a {@code type} backup in {@code member}'s container, with pgBackRest's {@code --backup-standby} when {@code
     * fromStandby}.
     */
    public record Run(BackupType type, String member, boolean fromStandby, String why) implements Action {}

    public static Action decide(Snapshot s) {
        if (s.ownRunning()) {
            return new Wait("the supervisor's scheduled backup is still running");
        }
        if (s.repositoryBusy()) {
            return new Wait("another backup holds the stanza's lock");
        }
        Optional<BackupType> due = BackupDue.decide(s.schedule(), s.backups(), false, s.now());
        if (due.isEmpty()) {
            return new Wait("next backup due at " + BackupDue.next(s.schedule(), s.backups(), s.now()));
        }
        List<Node> leaders = s.nodes().stream().filter(Node::leader).toList();
        if (leaders.size() != 1 || !leaders.get(0).running()) {
            return new Wait("no running leader"
                    + (leaders.isEmpty() ? "" : " (" + leaders.get(0).name() + " is not)")
                    + ": a failover or switchover may be in progress");
        }
        if (s.switchoverScheduled()) {
            return new Wait("a switchover is scheduled or the cluster is paused");
        }
        String leader = leaders.get(0).name();
        String type = due.get().id();
        if (!s.standbyBackups()) {
            return new Run(
                    due.get(), leader, false, type + " backup on the primary " + leader + ": " + NO_STANDBY_BACKUP);
        }
        Optional<Node> replica = s.nodes().stream()
                .filter(Node::replica)
                .filter(Node::running)
                .filter(n -> n.lagBytes().isPresent() && n.lagBytes().getAsLong() <= MAX_REPLICA_LAG_BYTES)
                .min(Comparator.comparingLong((Node n) -> n.lagBytes().getAsLong())
                        .thenComparing(Node::name));
        if (replica.isEmpty()) {
            return new Run(
                    due.get(),
                    leader,
                    false,
                    type + " backup on the primary " + leader + ": no streaming replica within "
                            + MAX_REPLICA_LAG_BYTES / (1024 * 1024) + " MiB of it");
        }
        Node r = replica.get();
        return new Run(
                due.get(),
                r.name(),
                true,
                type + " backup from the replica " + r.name() + " (lag "
                        + r.lagBytes().getAsLong() + " bytes)");
    }
}
