package io.pgha.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import io.pgha.runtime.model.ContainerInfo;
import java.io.IOException;
import java.time.Duration;
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

    /** The container as Docker sees it now. */
    public Optional<ContainerInfo> inspect(String name) {
        try {
            return Optional.of(DockerJavaEngine.toStackContainer(docker.inspectContainerCmd(name).exec()).info());
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw DockerErrors.translate("inspecting container " + name, e);
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
