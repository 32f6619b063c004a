package io.pgha.console.service;

import io.pgha.runtime.cluster.ClusterConnection;

/** Attaches to an existing cluster ({@code pgha attach}). Called off the FX thread. */
public interface ClusterAttachment {

    /**
     * Reaches the cluster, and when it answers saves it in the registry.
     *
     * @throws io.pgha.runtime.PghaException with what to fix when it cannot be reached or is not a Patroni cluster
     */
    ClusterConnection attach(AttachForm request);
}
