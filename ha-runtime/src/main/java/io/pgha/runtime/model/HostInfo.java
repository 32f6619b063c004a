package io.pgha.runtime.model;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A host of a cluster placed on a Docker Swarm, as the Swarm's managers describe it (docs/decisions/0044).
 *
 * @param name the node's hostname (what placement constraints name)
 * @param address the address the node advertised to the Swarm
 * @param state Swarm's word for the node: ready, down, disconnected or unknown (down is unreachable, not provably dead:
 *     docs/decisions/0042)
 * @param availability active, pause or drain
 * @param role manager leader, manager reachable, manager unreachable or worker
 * @param engine the node's Docker engine version, when it reported one
 * @param members the stack's members whose latest task was placed there, in member order
 */
public record HostInfo(
        String name,
        String address,
        String state,
        String availability,
        String role,
        String engine,
        OptionalInt cpus,
        OptionalLong memoryBytes,
        List<Placed> members) {

    /**
     * A member (service of the stack: etcd-1, pg-0, router, supervisor, …) placed on the host.
     *
     * @param task the state of its latest task there (running, pending, shutdown, …)
     */
    public record Placed(String member, String task) {
        public boolean running() {
            return "running".equals(task);
        }
    }

    public HostInfo {
        Objects.requireNonNull(name, "name");
        members = List.copyOf(members);
    }

    public boolean ready() {
        return "ready".equals(state);
    }

    /** The member names, in order. */
    public List<String> memberNames() {
        return members.stream().map(Placed::member).toList();
    }
}
