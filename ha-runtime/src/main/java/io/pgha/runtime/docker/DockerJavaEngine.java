package io.pgha.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.StreamType;
import io.pgha.runtime.Api;
import io.pgha.runtime.PghaException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** {@link DockerEngine} on docker-java; every docker-java error goes through {@link DockerErrors}. */
@Api
public final class DockerJavaEngine implements DockerEngine {

    private static final Duration PULL_TIMEOUT = Duration.ofMinutes(30);
    private final DockerClient client;

    public DockerJavaEngine(DockerClient client) {
        this.client = Objects.requireNonNull(client);
    }

    /** An engine for DOCKER_HOST, else the local socket. */
    public static DockerJavaEngine local() {
        return new DockerJavaEngine(DockerClients.create());
    }

    @Override
    public EngineInfo info() {
        Info i = call(
                "ask the Docker engine for its version", () -> client.infoCmd().exec());
        return new EngineInfo(
                Objects.toString(i.getServerVersion(), "?"),
                i.getMemTotal() == null ? 0 : i.getMemTotal(),
                i.getNCPU() == null ? 0 : i.getNCPU(),
                Objects.toString(i.getDockerRootDir(), ""),
                Objects.toString(i.getOperatingSystem(), ""));
    }

    @Override
    public boolean imagePresent(String image) {
        try {
            client.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            throw DockerErrors.translate("look for image " + image, e);
        }
    }

    @Override
    public void pullImage(String image, Consumer<String> progress) {
        PullProgress tracker = new PullProgress(image, progress);
        call("pull image " + image, () -> {
            try {
                java.util.concurrent.atomic.AtomicReference<Throwable> failed =
                        new java.util.concurrent.atomic.AtomicReference<>();
                boolean done = client.pullImageCmd(image)
                        .exec(new ResultCallback.Adapter<PullResponseItem>() {
                            @Override
                            public void onNext(PullResponseItem item) {
                                tracker.update(item);
                            }

                            @Override
                            public void onError(Throwable error) {
                                failed.set(
                                        error); // reported once, translated, by call(); the adapter would log it as an
                                // ERROR too
                                onComplete();
                            }
                        })
                        .awaitCompletion(PULL_TIMEOUT.toMinutes(), TimeUnit.MINUTES);
                if (failed.get() instanceof RuntimeException e) {
                    throw e;
                }
                if (failed.get() != null) {
                    throw new IllegalStateException(failed.get().getMessage(), failed.get());
                }
                if (!done) {
                    throw PghaException.timeout("pulling image " + image + " took more than " + PULL_TIMEOUT.toMinutes()
                            + " minutes; check the network or pull it yourself with docker pull " + image);
                }
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PghaException.timeout("pulling image " + image + " was interrupted");
            }
        });
    }

    @Override
    public Optional<DockerNetwork> network(String name) {
        return call(
                        "list networks",
                        () -> client.listNetworksCmd().withNameFilter(name).exec())
                .stream()
                .filter(n -> name.equals(n.getName()))
                .map(n -> new DockerNetwork(n.getId(), n.getName(), n.getLabels() == null ? Map.of() : n.getLabels()))
                .findFirst();
    }

    @Override
    public void createNetwork(String name, Map<String, String> labels) {
        call(
                "create network " + name,
                () -> client.createNetworkCmd()
                        .withName(name)
                        .withDriver("bridge")
                        .withCheckDuplicate(true)
                        .withLabels(labels)
                        .exec());
    }

    @Override
    public void removeNetwork(String name) {
        unlessAlreadyDone(
                "remove network " + name, () -> client.removeNetworkCmd(name).exec());
    }

    @Override
    public Optional<DockerVolume> volume(String name) {
        try {
            InspectVolumeResponse v = client.inspectVolumeCmd(name).exec();
            return Optional.of(new DockerVolume(v.getName(), v.getLabels() == null ? Map.of() : v.getLabels()));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw DockerErrors.translate("look for volume " + name, e);
        }
    }

    @Override
    public List<DockerVolume> volumes(Map<String, String> labels) {
        List<String> filter = labels.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .toList();
        List<InspectVolumeResponse> found = call("list volumes", () -> {
            var cmd = client.listVolumesCmd();
            if (!filter.isEmpty()) {
                cmd = cmd.withFilter("label", filter);
            }
            List<InspectVolumeResponse> v = cmd.exec().getVolumes();
            return v == null ? List.<InspectVolumeResponse>of() : v;
        });
        return found.stream()
                .map(v -> new DockerVolume(v.getName(), v.getLabels() == null ? Map.of() : v.getLabels()))
                .toList();
    }

    @Override
    public void createVolume(String name, Map<String, String> labels) {
        call(
                "create volume " + name,
                () -> client.createVolumeCmd().withName(name).withLabels(labels).exec());
    }

    @Override
    public void removeVolume(String name) {
        unlessAlreadyDone(
                "remove volume " + name, () -> client.removeVolumeCmd(name).exec());
    }

    @Override
    public List<DockerContainer> containers(Map<String, String> labels) {
        return call("list containers", () -> {
                    var cmd = client.listContainersCmd().withShowAll(true);
                    if (!labels.isEmpty()) {
                        cmd = cmd.withLabelFilter(labels);
                    }
                    return cmd.exec();
                })
                .stream()
                .map(DockerJavaEngine::container)
                .toList();
    }

    @Override
    public Optional<DockerContainer> container(String name) {
        return call(
                        "look for container " + name,
                        () -> client.listContainersCmd()
                                .withShowAll(true)
                                .withNameFilter(List.of("^/" + name + "$"))
                                .exec())
                .stream()
                .map(DockerJavaEngine::container)
                .filter(c -> c.name().equals(name))
                .findFirst();
    }

    @Override
    public String createContainer(ContainerSpec spec) {
        List<PortBinding> bindings = spec.ports().stream()
                .map(p -> new PortBinding(
                        Ports.Binding.bindIpAndPort(p.hostIp(), p.hostPort()), ExposedPort.tcp(p.containerPort())))
                .toList();
        List<Mount> mounts = new java.util.ArrayList<>(spec.volumes().entrySet().stream()
                .map(v -> new Mount()
                        .withType(MountType.VOLUME)
                        .withSource(v.getKey())
                        .withTarget(ContainerSpec.mountPath(v.getValue()))
                        .withReadOnly(ContainerSpec.readOnly(v.getValue())))
                .toList());
        spec.binds()
                .forEach((hostPath, path) -> mounts.add(new Mount()
                        .withType(MountType.BIND)
                        .withSource(hostPath)
                        .withTarget(path)));
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(spec.network())
                .withPortBindings(bindings)
                .withMounts(mounts)
                .withRestartPolicy(
                        spec.restartUnlessStopped() ? RestartPolicy.unlessStoppedRestart() : RestartPolicy.noRestart());
        if (!spec.dnsOptions().isEmpty()) {
            host.withDnsOptions(spec.dnsOptions());
        }
        return call("create container " + spec.name(), () -> {
            CreateContainerCmd cmd = client.createContainerCmd(spec.image())
                    .withName(spec.name())
                    .withHostName(spec.hostname())
                    .withEnv(spec.env().entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .sorted()
                            .toList())
                    .withLabels(spec.labels())
                    .withExposedPorts(spec.ports().stream()
                            .map(p -> ExposedPort.tcp(p.containerPort()))
                            .distinct()
                            .toList())
                    .withHostConfig(host);
            if (!spec.aliases().isEmpty()) {
                cmd.withAliases(spec.aliases());
            }
            spec.stopGrace().ifPresent(g -> cmd.withStopTimeout((int) g.toSeconds()));
            if (!spec.command().isEmpty()) {
                cmd.withCmd(spec.command());
            }
            spec.healthcheck()
                    .ifPresent(h -> cmd.withHealthcheck(new HealthCheck()
                            .withTest(h.command())
                            .withInterval(h.interval().toNanos())
                            .withTimeout(h.timeout().toNanos())
                            .withRetries(h.retries())
                            .withStartPeriod(h.startPeriod().toNanos())));
            return cmd.exec().getId();
        });
    }

    @Override
    public void start(String container) {
        try {
            client.startContainerCmd(container).exec();
        } catch (NotModifiedException e) {
            // already running
        } catch (RuntimeException e) {
            throw DockerErrors.translate("start container " + container, e);
        }
    }

    @Override
    public void stop(String container, Duration grace) {
        unlessAlreadyDone(
                "stop container " + container,
                () -> client.stopContainerCmd(container)
                        .withTimeout((int) grace.toSeconds())
                        .exec());
    }

    @Override
    public void remove(String container) {
        unlessAlreadyDone(
                "remove container " + container,
                () -> client.removeContainerCmd(container)
                        .withForce(true)
                        .withRemoveVolumes(false)
                        .exec());
    }

    /** Runs an action that is done already when its object is gone (or, for stop, not running). */
    private static void unlessAlreadyDone(String action, Runnable work) {
        try {
            work.run();
        } catch (NotFoundException | NotModifiedException e) {
            // nothing left to do
        } catch (RuntimeException e) {
            throw DockerErrors.translate(action, e);
        }
    }

    @Override
    public void copyFile(String container, String path, byte[] content, int mode) {
        int slash = path.lastIndexOf('/');
        String dir = slash <= 0 ? "/" : path.substring(0, slash);
        byte[] tar = Tars.oneFile(path.substring(slash + 1), content, mode);
        call("copy " + path + " into container " + container, () -> {
            client.copyArchiveToContainerCmd(container)
                    .withRemotePath(dir)
                    .withTarInputStream(new ByteArrayInputStream(tar))
                    .exec();
            return null;
        });
    }

    @Override
    public void copyFiles(String container, List<ContainerFile> files) {
        if (files.isEmpty()) {
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            java.util.Set<String> dirs = new java.util.TreeSet<>();
            for (ContainerFile f : files) {
                String p = f.path().substring(1);
                for (int i = p.indexOf('/'); i > 0; i = p.indexOf('/', i + 1)) {
                    dirs.add(p.substring(0, i + 1));
                }
            }
            for (String d : dirs) {
                TarArchiveEntry entry = new TarArchiveEntry(d);
                entry.setMode(040755);
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
            for (ContainerFile f : files) {
                TarArchiveEntry entry = new TarArchiveEntry(f.path().substring(1));
                entry.setSize(f.content().length);
                entry.setMode(f.mode());
                entry.setUserId(f.uid());
                entry.setGroupId(f.gid());
                tar.putArchiveEntry(entry);
                tar.write(f.content());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        call("copy " + files.size() + " files into container " + container, () -> {
            client.copyArchiveToContainerCmd(container)
                    .withRemotePath("/")
                    .withTarInputStream(new ByteArrayInputStream(bytes.toByteArray()))
                    .exec();
            return null;
        });
    }

    @Override
    public ExecResult exec(String container, List<String> command, Duration timeout) {
        return call("run " + command.getFirst() + " in container " + container, () -> {
            String id = client.execCreateCmd(container)
                    .withCmd(command.toArray(String[]::new))
                    .withAttachStdout(true)
                    .withAttachStderr(true)
                    .exec()
                    .getId();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            try {
                boolean done = client.execStartCmd(id)
                        .exec(new ResultCallback.Adapter<Frame>() {
                            @Override
                            public void onNext(Frame frame) {
                                (frame.getStreamType() == StreamType.STDERR ? err : out).writeBytes(frame.getPayload());
                            }
                        })
                        .awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!done) {
                    throw PghaException.timeout(command.getFirst() + " in container " + container
                            + " did not finish within " + timeout.toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PghaException.timeout(command.getFirst() + " in container " + container + " was interrupted");
            }
            Long code = client.inspectExecCmd(id).exec().getExitCodeLong();
            return new ExecResult(
                    code == null ? -1 : code.intValue(),
                    out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        });
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DockerContainer container(Container c) {
        String name =
                c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0].replaceFirst("^/", "");
        List<PublishedPort> ports = new ArrayList<>();
        if (c.getPorts() != null) {
            for (ContainerPort p : c.getPorts()) {
                if (p.getPublicPort() != null) {
                    ports.add(new PublishedPort(
                            Objects.toString(p.getIp(), ""),
                            p.getPublicPort(),
                            p.getPrivatePort() == null ? 0 : p.getPrivatePort()));
                }
            }
        }
        return new DockerContainer(
                c.getId(),
                name,
                c.getImage(),
                c.getLabels() == null ? Map.of() : c.getLabels(),
                Objects.toString(c.getState(), ""),
                ports);
    }

    private static <T> T call(String action, Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw DockerErrors.translate(action, e);
        }
    }
}
