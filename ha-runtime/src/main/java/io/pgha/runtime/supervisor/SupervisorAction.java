package io.pgha.runtime.supervisor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the supervisor decides to do. The first four ask a question whose answer comes back as the next
 * {@link SupervisorEvent}; the others only act.
 */
public sealed interface SupervisorAction {

    /** Read the leader key now: a member's container died. Answered by {@link SupervisorEvent.LeaderKeyChecked}. */
    record ReadLeaderKey(String deadMember, Optional<Instant> diedAt) implements SupervisorAction {
        public ReadLeaderKey(String deadMember) {
            this(deadMember, Optional.empty());
        }
    }

    /**
     * Ask Docker whether the member's container is really gone: its death was reported, or ({@code onStart}) it holds
     * the leader key when this supervisor began to lead, which it may have done since before it died unseen (a
     * supervisor restarted mid-failover). Answered by {@link SupervisorEvent.ContainerInspected}.
     */
    record ConfirmNotRunning(String member, long modRevision, boolean onStart) implements SupervisorAction {
        public ConfirmNotRunning(String member, long modRevision) {
            this(member, modRevision, false);
        }
    }

    /**
     * Delete the leader key if it still names {@code member} at {@code modRevision}, the revision read before
     * Docker was asked, and this supervisor still holds the supervisors' lease of {@code tenure} (one etcd
     * transaction). Answered by {@link SupervisorEvent.LeaderKeyDeleted}.
     */
    record DeleteLeaderKey(String member, long modRevision, long tenure) implements SupervisorAction {}

    /**
     * Read the leader key again: this supervisor has just taken (or taken back) the supervisors' lease and routes
     * writes to whoever leads now, whatever it saw or did as a standby. Answered by {@link SupervisorEvent.ClusterRead}.
     */
    record ReadCluster() implements SupervisorAction {}

    /** Wait (bounded) until the member's PostgreSQL accepts writes. Answered by {@link SupervisorEvent.PromotionAwaited}. */
    record AwaitPromotion(String member) implements SupervisorAction {}

    /**
     * Read the leader key with how long its holder has not renewed its lease: on every heartbeat while a member holds
     * it, and once more after the holder said it cannot write ({@code after}), just before its key is fenced.
     * Answered by {@link SupervisorEvent.HolderRenewalRead} (docs/decisions/0073-fence-a-demoted-holder).
     */
    record ReadHolderRenewal(java.util.Optional<SupervisorEvent.HolderAnswered> after) implements SupervisorAction {}

    /**
     * Ask the holder itself, through the engine that runs its container (no network needed), whether its PostgreSQL
     * still accepts writes; {@code askedAt} is when it was decided. Answered by {@link SupervisorEvent.HolderAnswered}.
     */
    record AskHolderThroughEngine(String member, long modRevision, java.time.Instant askedAt)
            implements SupervisorAction {}

    /** HAProxy runtime API commands, in order; the first that fails ends the list (the health checks stay in charge). */
    record RouterCommands(List<RouterCommand> commands) implements SupervisorAction {
        public RouterCommands {
            commands = List.copyOf(commands);
        }
    }

    /** Publish the heartbeat and last action in etcd. */
    record PublishHeartbeat(Heartbeat heartbeat) implements SupervisorAction {}

    /** A line in the supervisor's log. */
    record Log(Level level, String message) implements SupervisorAction {
        public enum Level {
            INFO,
            WARN
        }

        static Log info(String message) {
            return new Log(Level.INFO, message);
        }

        static Log warn(String message) {
            return new Log(Level.WARN, message);
        }
    }

    /** One HAProxy runtime API command. */
    sealed interface RouterCommand {}

    /** {@code set server LISTENER/MEMBER health up|down}: lasts until the next health check. */
    record ForceHealth(String listener, String member, boolean up) implements RouterCommand {}

    /** {@code shutdown sessions server LISTENER/MEMBER}. */
    record ShutdownSessions(String listener, String member) implements RouterCommand {}
}
