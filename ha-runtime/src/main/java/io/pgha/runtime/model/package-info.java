/**
 * The immutable records every other package speaks: {@link io.pgha.runtime.model.ClusterSnapshot}, members, etcd
 * members, router backends, containers, health checks and events, in Patroni's vocabulary. Depends on nothing of ours.
 */
@Api
package io.pgha.runtime.model;

import io.pgha.runtime.Api;
