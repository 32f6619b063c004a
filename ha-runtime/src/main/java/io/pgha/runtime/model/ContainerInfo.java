package io.pgha.runtime.model;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A container of the stack, when the cluster runs on the local Docker engine.
 *
 * @param role    etcd, postgres, router, exporter or supervisor
 * @param state   Docker's state: running, exited, paused, restarting, created, dead
 * @param health  Docker's health: healthy, unhealthy, starting, or none
 */
public record ContainerInfo(
        String name,
        String id,
        String role,
        String image,
        String state,
        String health,
        int restartCount,
        Optional<Instant> startedAt,
        OptionalInt exitCode) {

    public boolean running() {
        return "running".equals(state);
    }
}
