package io.pgha.runtime.swarm;

import io.pgha.runtime.model.HostInfo;
import java.util.List;

/** The port to a Swarm manager's API. */
public interface SwarmManager extends AutoCloseable {

    /** Every node of the Swarm; fails with a clear message when the endpoint is not a manager. */
    List<SwarmNode> nodes();

    /** Every task of the stack's services (current and past ones the managers still keep). */
    List<SwarmTask> tasks(String stack);

    /** The Swarm's nodes, each with the stack's members placed there (docs/decisions/0044). */
    default List<HostInfo> hosts(String stack) {
        return SwarmHosts.join(nodes(), tasks(stack));
    }

    /** The hostname of the node whose engine answers at this endpoint (the Swarm's node name). */
    String self();

    @Override
    void close();
}
