package io.pgha.runtime.swarm;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One node of a Swarm as its managers see it.
 *
 * @param hostname the node's hostname, what placement constraints name ({@code node.hostname == …})
 * @param state Swarm's word for the node: ready, down, disconnected or unknown (a down node is unreachable, not
 *     provably dead: docs/decisions/0009)
 * @param availability active, pause or drain
 * @param address the address the node advertised
 * @param reachability a manager's reachability as the Raft leader sees it (reachable, unreachable), empty for a worker
 * @param engine the node's Docker engine version
 * @param cpus the node's CPUs as it described them
 */
public record SwarmNode(
        String id,
        String hostname,
        boolean manager,
        boolean leader,
        String state,
        String availability,
        String address,
        String reachability,
        String engine,
        OptionalInt cpus,
        OptionalLong memoryBytes) {

    public boolean ready() {
        return "ready".equals(state);
    }

    /** manager leader, manager reachable, manager unreachable or worker. */
    public String role() {
        if (!manager) {
            return "worker";
        }
        return "manager " + (leader ? "leader" : reachability.isBlank() ? "unknown" : reachability);
    }
}
