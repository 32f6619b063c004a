package io.pgha.runtime.supervisor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * All the supervisor knows between two events.
 *
 * @param leader    who holds the leader key, as last read or watched
 * @param routedTo  the member writes were last routed to by the supervisor (empty after it stopped writes)
 * @param tenure    this supervisor's tenure of the supervisors' lease (docs/decisions/0035): the create revision of
 *                  the leadership key it holds; empty while it is a standby, when it acts on nothing
 * @param caughtUp  whether, in this tenure, the leader key was read again and writes routed from what it said: a
 *                  supervisor that has just taken the lease knows nothing of what happened while it stood by (a
 *                  switchover during an etcd quorum loss, say) and catches up before anything else
 * @param gone      members whose container Docker confirmed not running while they held the leader key, until they
 *                  hold it again: their connections ended with their kernel, so the router never shuts their sessions
 *                  (docs/decisions/0068)
 */
public record SupervisorState(
        Policy policy,
        Optional<String> leader,
        Optional<String> routedTo,
        String lastAction,
        Instant lastActionAt,
        Optional<Long> tenure,
        boolean caughtUp,
        Set<String> gone) {

    public SupervisorState {
        gone = Set.copyOf(gone);
    }

    /**
     * What does not change while the supervisor runs.
     *
     * @param members         the Patroni members = HAProxy server names
     * @param promotionCheck  "postgres" when a new leader's PostgreSQL is asked directly, "patroni" when its Patroni is
     * @param promotionWait   how long a new leader may take to accept writes before routing is left to the checks
     * @param holderStaleAfter how long the leader key's holder may leave its lease unrenewed before its engine is
     *                        asked whether it still accepts writes (docs/decisions/0073-fence-a-demoted-holder)
     */
    public record Policy(
            List<String> members,
            boolean fence,
            boolean route,
            String promotionCheck,
            Duration promotionWait,
            Instant startedAt,
            Duration holderStaleAfter) {

        /**
         * Patroni renews its lease every {@code loop_wait} (2 s, docs/decisions/0002) once its loop has run: a holder
         * that has not for 5 s missed at least one renewal, with 3 s to spare for a slow loop.
         */
        public static final Duration HOLDER_STALE_AFTER = Duration.ofSeconds(5);

        public Policy {
            members = List.copyOf(members);
        }

        public Policy(
                List<String> members,
                boolean fence,
                boolean route,
                String promotionCheck,
                Duration promotionWait,
                Instant startedAt) {
            this(members, fence, route, promotionCheck, promotionWait, startedAt, HOLDER_STALE_AFTER);
        }

        static Policy of(SupervisorSettings settings, Instant startedAt) {
            return new Policy(
                    settings.members(),
                    settings.fence(),
                    settings.route(),
                    settings.postgresLogin().isPresent() ? "postgres" : "patroni",
                    settings.promotionWait(),
                    startedAt);
        }
    }

    public static SupervisorState initial(Policy policy) {
        return new SupervisorState(
                policy,
                Optional.empty(),
                Optional.empty(),
                "started",
                policy.startedAt(),
                Optional.empty(),
                false,
                Set.of());
    }

    /** Who holds the leader key now; a member that holds it runs, so it is no longer {@link #gone}. */
    SupervisorState withLeader(Optional<String> value) {
        Set<String> running = new TreeSet<>(gone);
        value.ifPresent(running::remove);
        return new SupervisorState(policy, value, routedTo, lastAction, lastActionAt, tenure, caughtUp, running);
    }

    SupervisorState withRoutedTo(Optional<String> value) {
        return new SupervisorState(policy, leader, value, lastAction, lastActionAt, tenure, caughtUp, gone);
    }

    SupervisorState withLastAction(String action, Instant at) {
        return new SupervisorState(policy, leader, routedTo, action, at, tenure, caughtUp, gone);
    }

    SupervisorState withTenure(Optional<Long> value) {
        return new SupervisorState(policy, leader, routedTo, lastAction, lastActionAt, value, false, gone);
    }

    /** Caught up: the leader key read again since this tenure began. */
    SupervisorState withCaughtUp() {
        return new SupervisorState(policy, leader, routedTo, lastAction, lastActionAt, tenure, true, gone);
    }

    /** {@code member}'s container was confirmed not running while it held the leader key. */
    SupervisorState withGone(String member) {
        Set<String> next = new TreeSet<>(gone);
        next.add(member);
        return new SupervisorState(policy, leader, routedTo, lastAction, lastActionAt, tenure, caughtUp, next);
    }

    /** Whether this supervisor holds the supervisors' lease, and so may act. */
    public boolean leading() {
        return tenure.isPresent();
    }

    Heartbeat heartbeat() {
        return new Heartbeat(
                policy.startedAt(),
                leader,
                policy.fence(),
                policy.route(),
                policy.promotionCheck(),
                lastAction,
                lastActionAt);
    }
}
