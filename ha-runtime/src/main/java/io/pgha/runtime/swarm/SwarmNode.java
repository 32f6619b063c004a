package io.pgha.runtime.swarm;

/**
 * One node of a Swarm as its managers see it.
 *
 * @param hostname the node's hostname, what placement constraints name ({@code node.hostname == …})
 * @param state Swarm's word for the node: ready, down, disconnected or unknown (a down node is unreachable, not
 *     provably dead: docs/decisions/0009)
 * @param availability active, pause or drain
 * @param address the address the node advertised
 */
public record SwarmNode(
        String id,
        String hostname,
        boolean manager,
        boolean leader,
        String state,
        String availability,
        String address) {

    public boolean ready() {
        return "ready".equals(state);
    }
}
