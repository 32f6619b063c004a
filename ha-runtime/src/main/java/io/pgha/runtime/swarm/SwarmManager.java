package io.pgha.runtime.swarm;

import java.util.List;

/** The port to a Swarm manager's API. */
public interface SwarmManager extends AutoCloseable {

    /** Every node of the Swarm; fails with a clear message when the endpoint is not a manager. */
    List<SwarmNode> nodes();

    /**
     * Where the stack's services run now: each service (its name without the stack's prefix) to the hostname of the node
     * of its running task; a service without a running task is absent.
     */
    java.util.Map<String, String> placement(String stack);

    /** Every task of the stack's services (its replaced ones too), with the hostname of its node. */
    List<SwarmTask> tasks(String stack);

    /** The hostname of the node whose engine answers at this endpoint (the Swarm's node name). */
    String self();

    @Override
    void close();
}
