/**
 * The supervisor (`pgha supervise`), the fast paths beside Patroni: fencing a primary whose container is gone and
 * routing writes at once on a leader change. Its decisions are a pure function of its state and an event
 * ({@link io.pgha.runtime.supervisor.SupervisorDecisions}, no I/O); everything it reads or does goes through small ports,
 * wired to the adapters ({@code dcs}, {@code docker}, {@code postgres}, {@code patroni}, {@code router}, {@code http}) in
 * one place, {@link io.pgha.runtime.supervisor.SupervisorFactory}. Beside them, on a thread of their own, the stack's
 * scheduled base backups ({@link io.pgha.runtime.supervisor.ScheduledBackups}, docs/decisions/0027). Several may run:
 * only the one holding the supervisors' etcd lease acts ({@link io.pgha.runtime.supervisor.LeaseKeeper},
 * docs/decisions/0035). Nothing but the CLI depends on it.
 */
package io.pgha.runtime.supervisor;
