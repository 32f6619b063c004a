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
 * @param service the compose service it runs (pg-0 in a stack named other than its members, where the container is
 *                sw17-pg-0), when it has one
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
        OptionalInt exitCode,
        Optional<String> service) {

    public ContainerInfo {
        service = service == null ? Optional.empty() : service;
    }

    /** A container without a compose service. */
    public ContainerInfo(
            String name,
            String id,
            String role,
            String image,
            String state,
            String health,
            int restartCount,
            Optional<Instant> startedAt,
            OptionalInt exitCode) {
        this(name, id, role, image, state, health, restartCount, startedAt, exitCode, Optional.empty());
    }

    /** Whether it runs the given member: named like it, or running the compose service of that name. */
    public boolean runs(String member) {
        return name.equals(member) || service.filter(member::equals).isPresent();
    }

    public boolean running() {
        return "running".equals(state);
    }
}
