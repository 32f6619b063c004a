/**
 * The immutable records every other package speaks: {@link io.pgha.runtime.model.ClusterSnapshot}, members, etcd
 * members, router backends, containers, health checks and events, in Patroni's vocabulary. Depends on nothing of ours.
 */
package io.pgha.runtime.model;
