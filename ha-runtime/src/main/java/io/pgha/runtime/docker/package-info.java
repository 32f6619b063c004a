/**
 * The Docker adapter, the only package that imports docker-java: containers, networks, volumes, events, logs and exec
 * on the local engine, the faults a drill injects, and the supervisor's death events. Errors become
 * {@link io.pgha.runtime.PghaException}s in {@code DockerErrors}. May depend on {@code model} only.
 */
package io.pgha.runtime.docker;
