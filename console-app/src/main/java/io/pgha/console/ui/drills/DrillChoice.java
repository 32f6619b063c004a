package io.pgha.console.ui.drills;

/**
 * A drill the picker offers.
 *
 * @param id          its command-line name, as {@code pgha drill} takes it
 * @param description what the fault is, in plain words
 * @param kind        what it needs from the cluster
 */
public record DrillChoice(String id, String description, Kind kind) {

    /** What a drill needs from the cluster, and so when it is offered. */
    public enum Kind {
        /** A fault of one node or etcd member: the members' containers on the local Docker engine. */
        NODE,
        /** Restores from the backups ({@code pitr}, {@code disaster}): a local stack with backups on, one run. */
        RESTORE,
        /** A whole host stopped or cut off: a cluster placed on a Swarm. */
        HOST
    }

    @Override
    public String toString() {
        return id;
    }
}
