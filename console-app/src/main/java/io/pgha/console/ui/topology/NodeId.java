package io.pgha.console.ui.topology;

/** Ids of the things drawn in the topology, stable across snapshots so changes can be matched. */
public final class NodeId {

    public static final String ROUTER = "router";
    public static final String SUPERVISOR = "supervisor";

    private NodeId() {}

    public static String postgres(String member) {
        return "pg:" + member;
    }

    public static String etcd(String member) {
        return "etcd:" + member;
    }
}
