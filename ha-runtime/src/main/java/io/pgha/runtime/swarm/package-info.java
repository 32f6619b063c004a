/**
 * The Docker Swarm adapter: the second package that imports docker-java, for a Swarm manager's API (nodes today;
 * services with placement constraints, overlay networks and secrets next, issue 20). Errors become
 * {@link io.pgha.runtime.PghaException}s in {@code SwarmErrors}, which knows the Swarm's own refusals (not a manager,
 * not in a swarm) and hands the rest to the Docker adapter's translator. What Swarm can do on a kernel without IP_VS
 * or ESP is in docs/decisions/0026. May depend on {@code docker} and {@code model} only.
 */
package io.pgha.runtime.swarm;
