/**
 * Operations on a cluster (switchover, failover, restart, reinitialize, pause and resume, configuration changes): each
 * is planned against a snapshot with its preconditions, performed through Patroni (or Docker), confirmed from later
 * snapshots within a deadline, and written to the audit journal. May depend on {@code monitor}, the {@code patroni} and
 * {@code docker} adapters, {@code model} and {@code cluster}; not on the front ends.
 */
@Api
package io.pgha.runtime.ops;

import io.pgha.runtime.Api;
