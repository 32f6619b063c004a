package io.pgha.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import io.pgha.runtime.Api;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A short-lived container in another container's network namespace ({@code --network container:X}) with the
 * NET_ADMIN capability, which the other container never gets: what changes a node's packet filter or queueing for a
 * network drill. Its command holds the fault and undoes it when the container is stopped (SIGTERM) or its own time is
 * up, so {@link #close()} stops it with a grace period before it is removed; the engine removes it when it exits.
 */
@Api
public final class NetworkSidecar implements AutoCloseable {

    /** The label that marks it, {@code org.pgha.role}'s value. */
    public static final String ROLE = "drill-network-fault";

    /** How long a stop waits for the command to undo the fault before the engine kills it. */
    static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final DockerClient docker;
    private final String name;

    private NetworkSidecar(DockerClient docker, String name) {
        this.docker = docker;
        this.name = name;
    }

    static NetworkSidecar start(
            DockerClient docker, String image, String name, String container, List<String> command) {
        stopAndRemove(docker, name); // a leftover of a run that died: stopped, so it undoes its fault first
        try {
            docker.createContainerCmd(image)
                    .withName(name)
                    .withCmd(command)
                    .withLabels(Map.of("org.pgha.role", ROLE, "org.pgha.target", container))
                    .withHostConfig(HostConfig.newHostConfig()
                            .withNetworkMode("container:" + container)
                            .withCapAdd(Capability.NET_ADMIN)
                            .withAutoRemove(true))
                    .exec();
            docker.startContainerCmd(name).exec();
            return new NetworkSidecar(docker, name);
        } catch (RuntimeException e) {
            stopAndRemove(docker, name);
            throw DockerErrors.translate(
                    "start container " + name + " from " + image + " in " + container + "'s network namespace", e);
        }
    }

    /** The container's name, for {@link DockerFaults#exec}. */
    public String name() {
        return name;
    }

    /** Stops it (its command undoes the fault on SIGTERM) and removes it; nothing when it is gone already. */
    @Override
    public void close() {
        stopAndRemove(docker, name);
    }

    private static void stopAndRemove(DockerClient docker, String name) {
        try {
            docker.stopContainerCmd(name)
                    .withTimeout((int) STOP_GRACE.toSeconds())
                    .exec();
        } catch (NotFoundException | NotModifiedException gone) {
            // not there, or not running
        } catch (RuntimeException e) {
            throw DockerErrors.translate("stop container " + name, e);
        }
        try {
            docker.removeContainerCmd(name).withForce(true).exec();
        } catch (NotFoundException gone) {
            // removed by the engine when it exited
        } catch (com.github.dockerjava.api.exception.ConflictException removing) {
            // "removal already in progress": the engine removes it as it exited
        } catch (RuntimeException e) {
            throw DockerErrors.translate("remove container " + name, e);
        }
    }
}
