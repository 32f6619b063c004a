package io.pgha.console.ui.topology;

import io.pgha.console.ui.common.Tone;
import io.pgha.runtime.model.Role;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** What the topology draws, derived from one snapshot by {@link TopologyMapper}. */
public record Topology(
        List<EtcdNode> etcd,
        List<PostgresNode> postgres,
        RouterNode router,
        SupervisorNode supervisor,
        List<Link> links,
        boolean paused,
        List<HostLane> hosts) {

    public static final Topology EMPTY =
            new Topology(List.of(), List.of(), RouterNode.ABSENT, SupervisorNode.ABSENT, List.of(), false, List.of());

    public Topology {
        etcd = List.copyOf(etcd);
        postgres = List.copyOf(postgres);
        links = List.copyOf(links);
        hosts = List.copyOf(hosts);
    }

    /** The same drawing with other PostgreSQL nodes, router and links (the hosts, etcd and supervisor kept). */
    public Topology with(List<PostgresNode> postgres, RouterNode router, List<Link> links) {
        return new Topology(etcd, postgres, router, supervisor, links, paused, hosts);
    }

    /** The lane of the host a node (by its id) runs on, when the cluster is on a Swarm and the node is placed. */
    public java.util.OptionalInt laneOf(String nodeId) {
        for (int i = 0; i < hosts.size(); i++) {
            if (hosts.get(i).nodes().contains(nodeId)) {
                return java.util.OptionalInt.of(i);
            }
        }
        return java.util.OptionalInt.empty();
    }

    /**
     * A host of a cluster placed on a Swarm, drawn as a lane holding the nodes that run there (docs/decisions/0044).
     *
     * @param state Swarm's state and availability, e.g. "ready/active", "down/active"
     * @param detail its role, engine, CPUs and memory, and the members not drawn as nodes (router, supervisor, exporters)
     * @param nodes the ids of the nodes drawn in it ({@link NodeId}), in drawing order
     */
    public record HostLane(String name, String state, Tone tone, String detail, List<String> nodes) {
        public HostLane {
            nodes = List.copyOf(nodes);
        }
    }

    /** @param detail why it is not healthy, or its raft term */
    public record EtcdNode(String name, boolean leader, Tone tone, String detail) {
        public String id() {
            return NodeId.etcd(name);
        }
    }

    /** @param lagAlarm whether its lag is above the cluster's alarm threshold */
    public record PostgresNode(
            String name,
            Role role,
            String state,
            OptionalInt timeline,
            OptionalLong lagBytes,
            boolean lagAlarm,
            boolean pendingRestart,
            Tone tone) {
        public String id() {
            return NodeId.postgres(name);
        }

        public boolean leader() {
            return role.isLeader();
        }
    }

    public record RouterNode(boolean present, Tone tone, long writeSessions, long readSessions) {
        public static final RouterNode ABSENT = new RouterNode(false, Tone.UNKNOWN, 0, 0);
    }

    /**
     * The stack's supervisor container (docs/decisions/0009): it fences dead primaries and moves the router's traffic.
     *
     * @param state    Docker's state of its container, "unknown" while Docker does not answer
     * @param health   Docker's health of it: healthy, unhealthy, starting or none
     * @param restarts how often Docker restarted it
     */
    public record SupervisorNode(boolean present, String name, String state, String health, int restarts, Tone tone) {
        public static final SupervisorNode ABSENT = new SupervisorNode(false, "", "unknown", "none", 0, Tone.UNKNOWN);

        public String id() {
            return NodeId.SUPERVISOR;
        }
    }

    /**
     * A line between two nodes: the router's write or read path to a member, a replication stream, or the
     * handover of the primary role while the console switches over.
     */
    public record Link(Kind kind, String from, String to, Tone tone, String label) {
        public enum Kind {
            WRITE,
            READ,
            REPLICATION,
            HANDOVER
        }
    }
}
