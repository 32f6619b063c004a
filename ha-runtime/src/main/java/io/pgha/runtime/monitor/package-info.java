/**
 * Watching a cluster: {@code MonitorSources} builds the sources a connection has (the etcd watch pushes; Patroni,
 * HAProxy, PostgreSQL, Docker, the exporters and the etcd members are polled with deadlines) and the
 * {@link io.pgha.runtime.monitor.ClusterMonitor} merges their readings into one snapshot per change, derives health and
 * events, and never waits on a dead source. The front ends' part ({@link io.pgha.runtime.Api}) is the monitor, its
 * factory and settings and the probes' logins; the sources are the runtime's own. May depend on the adapters,
 * {@code model} and {@code cluster}; not on {@code ops}, {@code drill} or the front ends.
 */
package io.pgha.runtime.monitor;
