package io.pgha.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.model.Frame;
import io.pgha.runtime.Api;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The faults a drill injects and heals, on the local Docker engine, and the little else a drill asks Docker. */
@Api
public final class DockerFaults implements AutoCloseable {

    private final DockerClient docker;

    private DockerFaults(DockerClient docker) {
        this.docker = docker;
    }

    public static DockerFaults connect() {
        return new DockerFaults(DockerClients.create());
    }

    /** A container's address on a network, if it is attached to it. */
    public java.util.Optional<String> addressOn(String network, String container) {
        try {
            var networks = docker.inspectContainerCmd(container)
                    .exec()
                    .getNetworkSettings()
                    .getNetworks();
            var net = networks == null ? null : networks.get(network);
            return net == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(net.getIpAddress());
        } catch (RuntimeException e) {
            throw DockerErrors.translate("inspect " + container, e);
        }
    }

    /**
     * Starts a short-lived container on a network and streams its output lines; {@code secretFiles} (path to content)
     * are copied in, owner-only, before it starts.
     */
    public SidecarContainer sidecar(
            String image,
            String name,
            String network,
            java.util.List<String> env,
            java.util.Map<String, String> secretFiles,
            java.util.List<String> command,
            java.util.function.Consumer<String> onLine) {
        return SidecarContainer.start(docker, image, name, network, env, secretFiles, command, onLine);
    }

    /**
     * Starts {@code command} in a container of {@code image} that joins {@code container}'s network namespace with the
     * NET_ADMIN capability (the target keeps its own capabilities); {@link NetworkSidecar#close()} stops and removes it.
     */
    public NetworkSidecar networkSidecar(String image, String name, String container, java.util.List<String> command) {
        return NetworkSidecar.start(docker, image, name, container, command);
    }

    /** Whether the engine has {@code image}. */
    public boolean hasImage(String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            throw DockerErrors.translate("inspect image " + image, e);
        }
    }

    /** Every container's name on the engine (without Docker's leading slash), running or not. */
    public java.util.List<String> containerNames() {
        try {
            return docker.listContainersCmd().withShowAll(true).exec().stream()
                    .flatMap(c -> c.getNames() == null
                            ? java.util.stream.Stream.<String>empty()
                            : java.util.Arrays.stream(c.getNames()))
                    .map(n -> n.startsWith("/") ? n.substring(1) : n)
                    .toList();
        } catch (RuntimeException e) {
            throw DockerErrors.translate("list containers", e);
        }
    }

    /** The container's restart policy ("no", "always", "unless-stopped", "on-failure") and how often the engine restarted it. */
    public Restarts restarts(String container) {
        try {
            var c = docker.inspectContainerCmd(container).exec();
            var policy = c.getHostConfig() == null ? null : c.getHostConfig().getRestartPolicy();
            String name = policy == null
                            || policy.getName() == null
                            || policy.getName().isEmpty()
                    ? "no"
                    : policy.getName();
            Integer count = c.getRestartCount();
            return new Restarts(name, count == null ? 0 : count);
        } catch (RuntimeException e) {
            throw DockerErrors.translate("inspect " + container, e);
        }
    }

    /** A container's restart policy and restart count. */
    public record Restarts(String policy, int count) {
        /** Whether the engine starts the container again when its process dies on its own. */
        public boolean restartsOnCrash() {
            return !"no".equals(policy);
        }
    }

    /**
     * SIGKILL to the container's main process from outside the engine's API, as a crash (the OOM killer, a JVM abort)
     * would end it: the engine then applies the restart policy, which it does not after {@code docker kill} (a manual
     * stop for the engine). A container of {@code image} in the engine's host PID namespace sends it, only to the
     * process whose control group names the container (a PID reused meanwhile is left alone); it is removed after.
     */
    public void crash(String container, String image) {
        ProcessCrash.crash(docker, container, image);
    }

    @Override
    public void close() {
        try {
            docker.close();
        } catch (java.io.IOException ignored) {
            // nothing left to release
        }
    }

    public void kill(String container) {
        run("kill " + container, () -> docker.killContainerCmd(container).exec());
    }

    public void stop(String container, Duration grace) {
        run(
                "stop " + container,
                () -> docker.stopContainerCmd(container)
                        .withTimeout((int) grace.toSeconds())
                        .exec());
    }

    public void start(String container) {
        run("start " + container, () -> docker.startContainerCmd(container).exec());
    }

    /** The named volume mounted at {@code path} in the container, if one is. */
    public java.util.Optional<String> volumeAt(String container, String path) {
        try {
            var mounts = docker.inspectContainerCmd(container).exec().getMounts();
            return mounts == null
                    ? java.util.Optional.empty()
                    : mounts.stream()
                            .filter(m -> m.getDestination() != null
                                    && path.equals(m.getDestination().getPath()))
                            .map(m -> m.getName())
                            .filter(java.util.Objects::nonNull)
                            .findFirst();
        } catch (RuntimeException e) {
            throw DockerErrors.translate("inspect " + container, e);
        }
    }

    /** The container killed and removed at once, as a lost machine would leave it: gone. */
    public void removeForcefully(String container) {
        run(
                "remove " + container,
                () -> docker.removeContainerCmd(container).withForce(true).exec());
    }

    public void removeVolume(String volume) {
        run("remove volume " + volume, () -> docker.removeVolumeCmd(volume).exec());
    }

    public void pause(String container) {
        run("pause " + container, () -> docker.pauseContainerCmd(container).exec());
    }

    public void unpause(String container) {
        run("unpause " + container, () -> docker.unpauseContainerCmd(container).exec());
    }

    public void disconnect(String network, String container) {
        run(
                "disconnect " + container + " from " + network,
                () -> docker.disconnectFromNetworkCmd()
                        .withNetworkId(network)
                        .withContainerId(container)
                        .withForce(true)
                        .exec());
    }

    public void connect(String network, String container) {
        run(
                "connect " + container + " to " + network,
                () -> docker.connectToNetworkCmd()
                        .withNetworkId(network)
                        .withContainerId(container)
                        .exec());
    }

    public boolean isConnected(String network, String container) {
        try {
            var networks = docker.inspectContainerCmd(container)
                    .exec()
                    .getNetworkSettings()
                    .getNetworks();
            return networks != null && networks.containsKey(network);
        } catch (RuntimeException e) {
            throw DockerErrors.translate("inspect " + container, e);
        }
    }

    public String state(String container) {
        try {
            var state = docker.inspectContainerCmd(container).exec().getState();
            return Boolean.TRUE.equals(state.getPaused()) ? "paused" : state.getStatus();
        } catch (RuntimeException e) {
            throw DockerErrors.translate("inspect " + container, e);
        }
    }

    /** Runs a command in a container and returns its standard output (bounded by {@code timeout}). */
    public String exec(String container, Duration timeout, String... command) {
        return execAs(container, null, timeout, command);
    }

    /** {@link #exec} as {@code user} (null: the container's own user). */
    public String execAs(String container, String user, Duration timeout, String... command) {
        try {
            ExecCreateCmdResponse exec = docker.execCreateCmd(container)
                    .withUser(user)
                    .withCmd(command)
                    .withAttachStdout(true)
                    .withAttachStderr(true)
                    .exec();
            StringBuilder out = new StringBuilder();
            docker.execStartCmd(exec.getId())
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            synchronized (out) {
                                out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                            }
                        }
                    })
                    .awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
            synchronized (out) {
                return out.toString();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } catch (RuntimeException e) {
            throw DockerErrors.translate("exec in " + container, e);
        }
    }

    private static void run(String action, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            throw DockerErrors.translate(action, e);
        }
    }
}
