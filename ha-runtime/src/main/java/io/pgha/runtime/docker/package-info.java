/**
 * The Docker adapter, with {@code swarm} the only packages that import docker-java: containers, networks, volumes,
 * events, logs and exec on the local engine, the faults a drill injects, and the supervisor's death events. Errors
 * become {@link io.pgha.runtime.PghaException}s in {@code DockerErrors}. A composition root may make the engine and
 * the few services marked {@link io.pgha.runtime.Api} (to hand them to operations and drills); the rest is the
 * runtime's own. May depend on {@code model} only.
 */
package io.pgha.runtime.docker;
