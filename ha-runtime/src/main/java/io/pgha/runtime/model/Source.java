package io.pgha.runtime.model;

/** Where a part of the snapshot comes from. */
public enum Source {
    DCS,
    PATRONI,
    ROUTER,
    POSTGRES,
    DOCKER,
    EXPORTER,
    /** The Swarm's managers: the hosts of a cluster placed on a Swarm. */
    SWARM
}
