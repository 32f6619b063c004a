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
        boolean paused) {

    public static final Topology EMPTY =
            new Topology(List.of(), List.of(), RouterNode.ABSENT, SupervisorNode.ABSENT, List.of(), false);

    public Topology {
        etcd = List.copyOf(etcd);
        postgres = List.copyOf(postgres);
        links = List.copyOf(links);
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
