package io.pgha.runtime.model;

/** The cluster at a glance. */
public enum ClusterHealth {
    /** A leader, every member running or streaming, etcd quorum with every member up. */
    HEALTHY,
    /** Writable, but something is missing or lagging. */
    DEGRADED,
    /** No leader, or etcd quorum lost. */
    DOWN,
    /** Not enough information. */
    UNKNOWN
}
