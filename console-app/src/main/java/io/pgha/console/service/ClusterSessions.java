package io.pgha.console.service;

import io.pgha.runtime.cluster.ClusterConnection;

/** Opens a cluster: starts watching it and binds the operations to it. May block; called off the FX thread. */
public interface ClusterSessions {

    ClusterSession open(ClusterConnection connection);
}
