package io.pgha.runtime.supervisor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
 */
public record SupervisorState(
        Policy policy,
        Optional<String> leader,
        Optional<String> routedTo,
        String lastAction,
        Instant lastActionAt,
        Optional<Long> tenure,
        boolean caughtUp) {

    /**
     * What does not change while the supervisor runs.
     *
     * @param members         the Patroni members = HAProxy server names
     * @param promotionCheck  "postgres" when a new leader's PostgreSQL is asked directly, "patroni" when its Patroni is
     * @param promotionWait   how long a new leader may take to accept writes before routing is left to the checks
     */
    public record Policy(
            List<String> members,
            boolean fence,
            boolean route,
            String promotionCheck,
            Duration promotionWait,
            Instant startedAt) {
        public Policy {
            members = List.copyOf(members);
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
                policy, Optional.empty(), Optional.empty(), "started", policy.startedAt(), Optional.empty(), false);
    }

    SupervisorState withLeader(Optional<String> value) {
        return new SupervisorState(policy, value, routedTo, lastAction, lastActionAt, tenure, caughtUp);
    }

    SupervisorState withRoutedTo(Optional<String> value) {
        return new SupervisorState(policy, leader, value, lastAction, lastActionAt, tenure, caughtUp);
    }

    SupervisorState withLastAction(String action, Instant at) {
        return new SupervisorState(policy, leader, routedTo, action, at, tenure, caughtUp);
    }

    SupervisorState withTenure(Optional<Long> value) {
        return new SupervisorState(policy, leader, routedTo, lastAction, lastActionAt, value, false);
    }

    /** Caught up: the leader key read again since this tenure began. */
    SupervisorState withCaughtUp() {
        return new SupervisorState(policy, leader, routedTo, lastAction, lastActionAt, tenure, true);
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
