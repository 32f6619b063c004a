package io.pgha.console.ui.topology;

import java.util.Set;

/** A new topology and the ids of the nodes that changed notably since the previous one (to animate). */
public record TopologyUpdate(Topology topology, Set<String> changed) {

    public static final TopologyUpdate EMPTY = new TopologyUpdate(Topology.EMPTY, Set.of());

    public TopologyUpdate {
        changed = Set.copyOf(changed);
    }
}
