package io.pgha.runtime.swarm;

/**
 * One task of a Swarm service as the managers see it.
 *
 * @param service the service's name without the stack's prefix
 * @param node    the hostname of the node it is assigned to; empty while it waits for one ("no suitable node")
 * @param desired Swarm's desired state, lower case (running, shutdown, …)
 * @param state   its current state, lower case (pending, starting, running, …)
 */
public record SwarmTask(String service, String node, String desired, String state) {}
