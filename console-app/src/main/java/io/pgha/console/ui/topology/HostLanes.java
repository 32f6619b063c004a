package io.pgha.console.ui.topology;

import io.pgha.console.ui.common.Tone;
import io.pgha.console.ui.topology.Topology.HostLane;
import io.pgha.runtime.model.HostInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The topology's host lanes of a cluster placed on a Swarm (docs/decisions/0044), and the order of the nodes that puts
 * each host's PostgreSQL node and etcd member in its lane; a pure function. A cluster on one engine has no lanes and
 * keeps its order.
 */
final class HostLanes {

    private HostLanes() {}

    static List<HostLane> of(List<HostInfo> hosts) {
        return hosts.stream().map(HostLanes::lane).toList();
    }

    private static HostLane lane(HostInfo h) {
        List<String> nodes = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (HostInfo.Placed p : h.members()) {
            if (p.member().matches("pg-\\d+")) {
                nodes.add(NodeId.postgres(p.member()));
            } else if (p.member().matches("etcd-\\d+")) {
                nodes.add(NodeId.etcd(p.member()));
            } else {
                others.add(p.running() ? p.member() : p.member() + " (" + p.task() + ")");
            }
        }
        List<String> detail = new ArrayList<>();
        detail.add(h.role());
        if (!h.engine().isBlank()) {
            detail.add("Docker " + h.engine());
        }
        if (!h.resourcesText().isBlank()) {
            detail.add(h.resourcesText());
        }
        if (!others.isEmpty()) {
            detail.add(String.join(", ", others));
        }
        return new HostLane(h.name(), h.stateText(), tone(h), String.join(" · ", detail), nodes);
    }

    /** Ready and active: fine; ready but drained or paused: a warning; anything else (down, disconnected): failed. */
    static Tone tone(HostInfo h) {
        if (!h.ready()) {
            return "unknown".equals(h.state()) ? Tone.UNKNOWN : Tone.FAIL;
        }
        return "active".equals(h.availability()) ? Tone.OK : Tone.WARN;
    }

    /** The nodes by their host's lane (those on no host last), each lane's in their former order. */
    static <T> List<T> inLaneOrder(List<T> nodes, List<HostLane> lanes, Function<T, String> id) {
        if (lanes.isEmpty()) {
            return nodes;
        }
        return nodes.stream()
                .sorted(Comparator.comparingInt(n -> laneIndex(lanes, id.apply(n))))
                .toList();
    }

    private static int laneIndex(List<HostLane> lanes, String nodeId) {
        for (int i = 0; i < lanes.size(); i++) {
            if (lanes.get(i).nodes().contains(nodeId)) {
                return i;
            }
        }
        return lanes.size();
    }
}
