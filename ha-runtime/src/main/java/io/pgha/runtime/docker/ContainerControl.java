package io.pgha.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Container-level actions on the local Docker engine (restart), for operations that act below Patroni.
 * Calls fail with {@link io.pgha.runtime.PghaException}s.
 */
public final class ContainerControl implements AutoCloseable {

    private static final Duration CONNECT = Duration.ofSeconds(5);
    /** Docker answers a restart once the container has stopped (up to the stop timeout) and started again. */
    private static final Duration BEYOND_STOP = Duration.ofSeconds(30);

    private final DockerClient docker;

    private ContainerControl(Duration stopTimeout) {
        this.docker = DockerClients.create(CONNECT, stopTimeout.plus(BEYOND_STOP));
    }

    /** A client whose restarts may wait for containers to stop for up to the stop timeout. */
    public static ContainerControl connect(Duration stopTimeout) {
        return new ContainerControl(stopTimeout);
    }

    /** The container's state as Docker sees it now; empty when there is no such container. */
    public Optional<ContainerRun> inspect(String name) {
        try {
            var state = docker.inspectContainerCmd(name).exec().getState();
            return Optional.of(new ContainerRun(name, state == null || state.getStatus() == null ? "unknown" : state.getStatus(),
                    state == null ? Optional.empty() : startedAt(state.getStartedAt())));
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw DockerErrors.translate("inspecting container " + name, e);
        }
    }

    private static Optional<Instant> startedAt(String s) {
        if (s == null || s.isBlank() || s.startsWith("0001-")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(s));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Stops the container (SIGTERM, then SIGKILL after the stop timeout) and starts it again. */
    public void restart(String name, Duration stopTimeout) {
        try {
            docker.restartContainerCmd(name).withTimeout((int) stopTimeout.toSeconds()).exec();
        } catch (RuntimeException e) {
            throw DockerErrors.translate("restarting container " + name, e);
        }
    }

    @Override
    public void close() {
        try {
            docker.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
