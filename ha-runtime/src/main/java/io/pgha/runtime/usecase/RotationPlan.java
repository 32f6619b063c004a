package io.pgha.runtime.usecase;

import io.pgha.runtime.PghaException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The order of a certificate rotation ({@code pgha certs rotate}): the replicas one at a time, the leader last, so that a
 * node that does not take its new certificate stops the roll while the leader still serves the old one. Nothing is
 * restarted (PostgreSQL and Patroni reload their certificate files), so no switchover is needed.
 *
 * <p>With a new CA ({@code --ca}) every container first trusts both authorities (the new one and the previous one), the
 * router reloads its CA file and the supervisor restarts to read it. etcd reads its peers' CA only when it starts, so
 * its members then restart one at a time (each waits for the whole etcd cluster to be healthy, so quorum is never
 * lost), then get certificates of the new authority one at a time (restarted again, checked). Then the nodes are given
 * certificates of the new authority, and at the end the previous one is dropped from every trust file, the etcd members
 * restart once more one at a time to forget it, and the router reloads again to read it. A client that verifies against
 * either authority keeps working until its node's certificate changes; one given the bundle keeps working throughout.
 *
 * @param newAuthority whether a new CA is made
 * @param steps        what is done, in order
 */
public record RotationPlan(boolean newAuthority, List<Step> steps) {

    public enum Action {
        /** Every container's CA file holds the new and the previous authority. */
        TRUST_BOTH_AUTHORITIES,
        /**
         * HAProxy reloads (its checks verify Patroni's certificates against the CA file), its new process starting
         * from the old one's server states; done when the new process has checked every server.
         */
        RELOAD_ROUTER,
        /** The supervisor restarts: it reads the CA file once, at its start. */
        RESTART_SUPERVISOR,
        /**
         * An etcd member restarts (it reads its peers' CA file only when it starts), once every member is healthy; done
         * when every member is healthy again, so that at most one member is ever down.
         */
        RESTART_ETCD_MEMBER,
        /** A new certificate for an etcd member, copied into its container, the member restarted as above, checked. */
        ROTATE_ETCD_MEMBER,
        /**
         * A new certificate of the same CA for an etcd member, copied into its container; etcd reads it at its next
         * handshake, nothing restarts; checked on both ports.
         */
        RENEW_ETCD_MEMBER,
        /** A new certificate for the node, copied into its container, PostgreSQL and Patroni reloaded, then checked. */
        ROTATE_NODE,
        /** Every CA file holds the new authority alone; the nodes reload. */
        TRUST_NEW_AUTHORITY_ONLY
    }

    /** One step on one target (a member, or "cluster"). */
    public record Step(Action action, String target) {
        public String describe() {
            return switch (action) {
                case TRUST_BOTH_AUTHORITIES -> "make a new CA; every container trusts it and the previous one";
                case RELOAD_ROUTER -> "reload HAProxy (its CA file changed)";
                case RESTART_SUPERVISOR -> "restart the supervisor (its CA file changed)";
                case RESTART_ETCD_MEMBER ->
                    "restart etcd member " + target
                            + " to read its CA file (the others healthy before, all healthy after)";
                case ROTATE_ETCD_MEMBER -> "new certificate for etcd member " + target + ", restart it, check it";
                case RENEW_ETCD_MEMBER ->
                    "new certificate for etcd member " + target + " (read at its next handshake), check it";
                case ROTATE_NODE -> "new certificate for " + target + ", reload its PostgreSQL and Patroni";
                case TRUST_NEW_AUTHORITY_ONLY -> "trust the new CA alone in every container";
            };
        }
    }

    public RotationPlan {
        steps = List.copyOf(steps);
    }

    /** The plan for a cluster without etcd members of the cluster's CA (their etcd does not speak its TLS). */
    public static RotationPlan of(
            List<String> members, Optional<String> leader, boolean newAuthority, boolean router, boolean supervisor) {
        return of(members, leader, newAuthority, router, supervisor, List.of());
    }

    /**
     * The plan for a cluster whose members are {@code members}, led by {@code leader}.
     *
     * @param router      whether the stack has a router (its CA file changes with a new CA)
     * @param supervisor  whether the stack has a supervisor
     * @param etcdMembers the etcd members whose certificates the cluster's CA issued (in the order they roll): renewed
     *                    in place without a new CA, restarted one at a time with one
     */
    public static RotationPlan of(
            List<String> members,
            Optional<String> leader,
            boolean newAuthority,
            boolean router,
            boolean supervisor,
            List<String> etcdMembers) {
        if (leader.isEmpty() || !members.contains(leader.get())) {
            throw PghaException.conflict(
                    "the cluster has no leader now: rotate its certificates once it has one (pgha status)");
        }
        List<Step> steps = new ArrayList<>();
        if (newAuthority) {
            steps.add(new Step(Action.TRUST_BOTH_AUTHORITIES, "cluster"));
            if (router) {
                steps.add(new Step(Action.RELOAD_ROUTER, "pg-router"));
            }
            if (supervisor) {
                steps.add(new Step(Action.RESTART_SUPERVISOR, "pg-supervisor"));
            }
            // etcd trusts the bundle only once restarted: every member must, before any serves the new CA's certificate
            etcdMembers.forEach(m -> steps.add(new Step(Action.RESTART_ETCD_MEMBER, m)));
            etcdMembers.forEach(m -> steps.add(new Step(Action.ROTATE_ETCD_MEMBER, m)));
        } else {
            etcdMembers.forEach(m -> steps.add(new Step(Action.RENEW_ETCD_MEMBER, m)));
        }
        members.stream()
                .filter(m -> !m.equals(leader.get()))
                .sorted()
                .forEach(m -> steps.add(new Step(Action.ROTATE_NODE, m)));
        steps.add(new Step(Action.ROTATE_NODE, leader.get()));
        if (newAuthority) {
            steps.add(new Step(Action.TRUST_NEW_AUTHORITY_ONLY, "cluster"));
            // and forgets the previous CA only once restarted again
            etcdMembers.forEach(m -> steps.add(new Step(Action.RESTART_ETCD_MEMBER, m)));
            if (router) {
                // HAProxy reads its CA file at its start only: reloaded again, it trusts the new CA alone
                steps.add(new Step(Action.RELOAD_ROUTER, "pg-router"));
            }
        }
        return new RotationPlan(newAuthority, steps);
    }

    /** The members in the order their certificates change. */
    public List<String> nodeOrder() {
        return steps.stream()
                .filter(s -> s.action() == Action.ROTATE_NODE)
                .map(Step::target)
                .toList();
    }

    /** The etcd members whose certificates change, in order. */
    public List<String> etcdOrder() {
        return steps.stream()
                .filter(s -> s.action() == Action.ROTATE_ETCD_MEMBER || s.action() == Action.RENEW_ETCD_MEMBER)
                .map(Step::target)
                .toList();
    }

    public String summary() {
        List<String> etcd = etcdOrder();
        return (newAuthority ? "rotate the CA and the node certificates" : "rotate the node certificates") + " of "
                + nodeOrder().size() + " nodes, the leader last (" + String.join(", ", nodeOrder()) + ")"
                + (etcd.isEmpty()
                        ? ""
                        : newAuthority
                                ? "; etcd's " + etcd.size() + " members (" + String.join(", ", etcd)
                                        + ") restarted one at a time, three times"
                                : "; etcd's " + etcd.size() + " members (" + String.join(", ", etcd)
                                        + ") renewed one at a time without a restart");
    }
}
