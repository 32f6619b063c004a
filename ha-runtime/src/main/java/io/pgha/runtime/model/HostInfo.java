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

    /** Swarm's state and availability as one word pair: ready/active, down/active, ready/drain. */
    public String stateText() {
        return state + "/" + availability;
    }

    /** CPUs and memory as the node described them: "2 CPUs, 7.8 GiB"; empty when it described neither. */
    public String resourcesText() {
        String c = cpus.isPresent() ? cpus.getAsInt() + (cpus.getAsInt() == 1 ? " CPU" : " CPUs") : "";
        String m = memoryBytes.isPresent() ? memoryText(memoryBytes.getAsLong()) : "";
        return c.isEmpty() || m.isEmpty() ? c + m : c + ", " + m;
    }

    /** The members, each not running there followed by its task's state: "etcd-1, pg-0 (pending), router". */
    public String membersText() {
        return String.join(
                ", ",
                members.stream()
                        .map(p -> p.running() ? p.member() : p.member() + " (" + p.task() + ")")
                        .toList());
    }

    static String memoryText(long bytes) {
        double gib = bytes / (1024.0 * 1024 * 1024);
        return gib >= 1
                ? String.format(java.util.Locale.ROOT, "%.1f GiB", gib)
                : String.format(java.util.Locale.ROOT, "%d MiB", bytes / (1024 * 1024));
    }

    /** The member names, in order. */
    public List<String> memberNames() {
        return members.stream().map(Placed::member).toList();
    }
}
