package io.pgha.runtime.swarm;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * One task of a stack's service as the Swarm's managers list it.
 *
 * @param service the service's name without the stack's prefix (pg-0, not pgha-sw_pg-0)
 * @param slot the replica's slot of a replicated service; empty for a global service (one task per node)
 * @param node the id of the node it was placed on; empty while it waits for one
 * @param state its current state (running, pending, shutdown, …)
 * @param desired the state the managers want for it (running, shutdown)
 * @param createdAt when it was made, as the API wrote it (RFC 3339: compares in time order)
 */
public record SwarmTask(
        String service, OptionalInt slot, Optional<String> node, String state, String desired, String createdAt) {}
