package io.pgha.runtime.provision;

import io.pgha.runtime.stack.StackService.Role;

/**
 * When {@code pgha up} starts each kind of container (docs/decisions/0023): only what another layer waits for is on
 * the critical path (etcd, then PostgreSQL); the rest starts in the background as soon as what it needs is there, and
 * step "services" only joins it. Every readiness guarantee of {@code up} is checked as before, after all of them.
 */
enum Launch {
    /** etcd's members: the first layer; everything else needs their quorum or nothing pgha waits for. */
    FIRST,
    /**
     * Router, exporters and Prometheus: they need nothing pgha waits for (they retry Patroni, PostgreSQL and their
     * scrape targets until those answer), so they are created and started in the background once etcd's members have
     * started, the routers first: one at a time, each giving way to the critical path's turns at the engine
     * ({@link EngineTurns}), until the PostgreSQL nodes are started, then the rest all at once (docs/decisions/0036).
     */
    IN_BACKGROUND_AFTER_ETCD_START,
    /**
     * PostgreSQL nodes: started once etcd has its users and authentication (Patroni logs in from its first request);
     * {@code up} creates their containers beside etcd's quorum wait (docs/decisions/0036).
     */
    AFTER_ETCD_USERS,
    /**
     * The supervisor: it logs in to etcd as its user and acts on a leader, and its image is ensured in the background
     * during the start, so it is created and started in the background once a leader is elected and its image is
     * there; its JVM's start then competes with the replicas' cloning, not with Patroni's start and the leader's initdb.
     */
    IN_BACKGROUND_AFTER_LEADER_AND_IMAGE;

    static Launch of(Role role) {
        return switch (role) {
            case ETCD -> FIRST;
            case ROUTER, EXPORTER, PROMETHEUS -> IN_BACKGROUND_AFTER_ETCD_START;
            case POSTGRES -> AFTER_ETCD_USERS;
            case SUPERVISOR -> IN_BACKGROUND_AFTER_LEADER_AND_IMAGE;
        };
    }

    /**
     * Whether the container is created with the network and volumes, before anything starts: etcd's and PostgreSQL's (a
     * member {@code apply} adds); {@code up} makes the PostgreSQL nodes' beside etcd's quorum wait instead. The others
     * are created in the background just before they start (the supervisor's also waits for its image).
     */
    boolean createdUpFront() {
        return this == FIRST || this == AFTER_ETCD_USERS;
    }
}
