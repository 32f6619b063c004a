/**
 * What pgha knows about a cluster between runs: its {@link io.pgha.runtime.cluster.ClusterConnection} (scope, etcd,
 * Patroni, router, Docker stack), the registry of known clusters, the stored logins and REST API credentials
 * (owner-only files) and the configuration directories. Talks to no system; depends on the JDK and Jackson only, and
 * every adapter may depend on it.
 */
@Api
package io.pgha.runtime.cluster;

import io.pgha.runtime.Api;
