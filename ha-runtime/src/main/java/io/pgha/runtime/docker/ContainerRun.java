package io.pgha.runtime.docker;

import java.time.Instant;
import java.util.Optional;

/** Whether a container runs, and since when: what a restart is confirmed with. */
public record ContainerRun(String name, String state, Optional<Instant> startedAt) {

    public boolean running() {
        return "running".equals(state);
    }
}
