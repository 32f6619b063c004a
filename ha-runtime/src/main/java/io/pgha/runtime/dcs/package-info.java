/**
 * The etcd adapter, the only package that imports jetcd: the watch of Patroni's keys under /service/&lt;scope&gt;/
 * turned into a {@link io.pgha.runtime.dcs.DcsView}, the etcd members' health and status, Patroni's leader key (read,
 * watched, and the compare-and-delete the supervisor makes on its value and mod revision, fenced on the supervisor's
 * tenure), the supervisors' lease-bound leadership key ({@link io.pgha.runtime.dcs.SupervisorLease}, docs/decisions/0035),
 * and etcd's HTTP /health. May depend on {@code model}, {@code cluster}, {@code http}, and on {@code patroni} only to read
 * the values Patroni writes ({@code PatroniJson}).
 */
package io.pgha.runtime.dcs;
