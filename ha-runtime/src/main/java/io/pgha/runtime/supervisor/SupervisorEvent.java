package io.pgha.runtime.supervisor;

import io.pgha.runtime.dcs.LeaderKey;
import java.time.Instant;
import java.util.Optional;

/**
 * What the supervisor learns: from its sources (the leader key's watch, Docker's events, its own timer) and, as
 * answers to its questions, from the actions that ask etcd, Docker or a member something.
 */
public sealed interface SupervisorEvent {

    /** The leader key, with its revision, as read when a watch starts (at start, and again after a watch failed). */
    record LeaderKeyRead(LeaderKey.Holder key) implements SupervisorEvent {}

    /** The leader key's watch reported a write (a holder at a new revision) or a deletion. */
    record LeaderKeyChanged(LeaderKey.Holder key) implements SupervisorEvent {}

    /** Docker reported that a member's container died. */
    record ContainerDied(String member, Optional<Instant> at) implements SupervisorEvent {
        /** A death at the moment the engine said it happened. */
        public ContainerDied(String member, Instant at) {
            this(member, Optional.of(at));
        }

        /** A death whose moment is not known: it is confirmed by asking the engine. */
        public ContainerDied(String member) {
            this(member, Optional.empty());
        }
    }

    /** Answer to {@link SupervisorAction.ReadLeaderKey}: the key as it is after {@code deadMember}'s container died. */
    record LeaderKeyChecked(String deadMember, LeaderKey.Holder key, Optional<Instant> diedAt)
            implements SupervisorEvent {
        public LeaderKeyChecked(String deadMember, LeaderKey.Holder key) {
            this(deadMember, key, Optional.empty());
        }
    }

    /** Answer to {@link SupervisorAction.ReadCluster}: the leader key as it is when this supervisor began to lead. */
    record ClusterRead(LeaderKey.Holder key) implements SupervisorEvent {}

    /** Answer to {@link SupervisorAction.ConfirmNotRunning}, with its {@code onStart}. */
    record ContainerInspected(String member, long modRevision, boolean notRunning, boolean onStart)
            implements SupervisorEvent {
        public ContainerInspected(String member, long modRevision, boolean notRunning) {
            this(member, modRevision, notRunning, false);
        }
    }

    /** Answer to {@link SupervisorAction.DeleteLeaderKey}: whether that compare-and-delete released the key. */
    record LeaderKeyDeleted(String member, boolean released) implements SupervisorEvent {}

    /** Answer to {@link SupervisorAction.AwaitPromotion}: whether the member accepted writes within the wait. */
    record PromotionAwaited(String member, boolean acceptsWrites) implements SupervisorEvent {}

    /**
     * This supervisor took the supervisors' lease ({@code tenure}: the leadership key's create revision) or lost it
     * (empty), as its lease keeper says just before any other event is decided on (docs/decisions/0035).
     */
    record LeadershipChanged(java.util.Optional<Long> tenure) implements SupervisorEvent {}

    /**
     * Answer to {@link SupervisorAction.ReadHolderRenewal}: the key, and for how long its holder has not renewed the
     * lease it is bound to (empty when that could not be read, or nobody holds the key); {@code after} as asked.
     */
    record HolderRenewalRead(
            LeaderKey.Holder key,
            java.util.Optional<java.time.Duration> unrenewedFor,
            java.util.Optional<HolderAnswered> after)
            implements SupervisorEvent {}

    /** Answer to {@link SupervisorAction.AskHolderThroughEngine}, with its {@code askedAt}. */
    record HolderAnswered(String member, long modRevision, java.time.Instant askedAt, HolderWrites writes)
            implements SupervisorEvent {}

    /** Time to publish the heartbeat (every 2 s). */
    record HeartbeatDue() implements SupervisorEvent {}
}
