package io.pgha.runtime.swarm;

import io.pgha.runtime.model.HostInfo;
import java.util.List;

/** The port to a Swarm manager's API. */
public interface SwarmManager extends AutoCloseable {

    /** Every node of the Swarm; fails with a clear message when the endpoint is not a manager. */
    List<SwarmNode> nodes();

    /** Every task of the stack's services (current and past ones the managers still keep). */
    List<SwarmTask> tasks(String stack);

    /**
     * Where the stack's services run now: each service (its name without the stack's prefix) to the hostname of the node
     * of its running task; a service without a running task is absent (docs/decisions/0045).
     */
    default java.util.Map<String, String> placement(String stack) {
        java.util.Map<String, String> hostnames = new java.util.HashMap<>();
        nodes().forEach(n -> hostnames.put(n.id(), n.hostname()));
        java.util.Map<String, String> placed = new java.util.TreeMap<>();
        tasks(stack).stream()
                .filter(t -> t.desired().equals("running") && t.state().equals("running"))
                .forEach(t -> t.node().ifPresent(id -> placed.put(t.service(), hostnames.getOrDefault(id, id))));
        return placed;
    }

    /** The Swarm's nodes, each with the stack's members placed there (docs/decisions/0044). */
    default List<HostInfo> hosts(String stack) {
        return SwarmHosts.join(nodes(), tasks(stack));
    }

    /** The hostname of the node whose engine answers at this endpoint (the Swarm's node name). */
    String self();

    @Override
    void close();
}
