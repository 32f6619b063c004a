/**
 * Finding a running Patroni cluster that pgha did not create: from the endpoints a user gives, or among the containers
 * of the local engine, it works out the scope, the members' REST URLs, etcd and the router, and returns a
 * {@link io.pgha.runtime.cluster.ClusterConnection}. May depend on {@code model}, {@code cluster} and the adapters it
 * asks ({@code patroni}, {@code dcs}, {@code docker}); not on {@code monitor}, {@code ops} or the front ends.
 */
@Api
package io.pgha.runtime.attach;

import io.pgha.runtime.Api;
