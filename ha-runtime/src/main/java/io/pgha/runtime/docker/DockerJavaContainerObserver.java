package io.pgha.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.model.ContainerInfo;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** {@link ContainerObserver} over docker-java; events get their own client, as their stream outlives any response timeout. */
final class DockerJavaContainerObserver implements ContainerObserver {

    /**
     * The container actions that change what an inspection shows. Health checks and pgha's own pg_isready are
     * execs: three events each, several a second on an idle stack, and each one costs the client a JSON parse;
     * Docker drops them server-side (health_status matches its "health_status: …" actions).
     */
    private static final String[] LIFECYCLE_ACTIONS = {
        "create",
        "start",
        "restart",
        "die",
        "kill",
        "oom",
        "stop",
        "pause",
        "unpause",
        "destroy",
        "rename",
        "update",
        "health_status"
    };

    private final DockerClient docker;
    private final Duration timeout;
    private DockerClient eventsClient;

    DockerJavaContainerObserver(Duration timeout) {
        this.timeout = timeout;
        this.docker = DockerClients.create(timeout, timeout);
    }

    @Override
    public List<StackContainer> inspect(String composeProject) {
        return inspectAll(list(Map.of(PROJECT_LABEL, composeProject)));
    }

    @Override
    public List<StackContainer> inspectComposeContainers() {
        return inspectAll(list(Map.of()).stream()
                .filter(c -> c.getLabels() != null && c.getLabels().containsKey(PROJECT_LABEL))
                .toList());
    }

    private List<Container> list(Map<String, String> labels) {
        try {
            var cmd = docker.listContainersCmd().withShowAll(true);
            if (!labels.isEmpty()) {
                cmd = cmd.withLabelFilter(labels);
            }
            return cmd.exec();
        } catch (RuntimeException e) {
            throw DockerErrors.translate("listing containers", e);
        }
    }

    /** Inspects the containers at once, one virtual thread each: a stack has ten of them. */
    private List<StackContainer> inspectAll(List<Container> containers) {
        List<StackContainer> result = new ArrayList<>();
        try (ExecutorService calls = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("pgha-inspect-", 0).factory())) {
            List<Future<Optional<StackContainer>>> inspections = new ArrayList<>();
            for (Container c : containers) {
                inspections.add(calls.submit(() -> inspectOne(c.getId())));
            }
            for (Future<Optional<StackContainer>> f : inspections) {
                f.get().ifPresent(result::add);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PghaException.unavailable("interrupted while inspecting containers", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        result.sort(Comparator.comparing(StackContainer::name));
        return result;
    }

    private Optional<StackContainer> inspectOne(String id) {
        try {
            return Optional.of(toStackContainer(docker.inspectContainerCmd(id).exec()));
        } catch (com.github.dockerjava.api.exception.NotFoundException gone) {
            return Optional.empty(); // removed between list and inspect
        } catch (RuntimeException e) {
            throw DockerErrors.translate("inspecting container " + id, e);
        }
    }

    static StackContainer toStackContainer(InspectContainerResponse r) {
        String name = r.getName() == null ? r.getId() : r.getName().replaceFirst("^/", "");
        Map<String, String> labels = r.getConfig() != null && r.getConfig().getLabels() != null
                ? r.getConfig().getLabels()
                : Map.of();
        String image = r.getConfig() != null && r.getConfig().getImage() != null
                ? r.getConfig().getImage()
                : "";
        var state = r.getState();
        String status = state != null && state.getStatus() != null ? state.getStatus() : "unknown";
        String health =
                state != null && state.getHealth() != null && state.getHealth().getStatus() != null
                        ? state.getHealth().getStatus()
                        : "none";
        Optional<Instant> startedAt = state == null ? Optional.empty() : instant(state.getStartedAt());
        OptionalInt exitCode = state != null && state.getExitCodeLong() != null && !"running".equals(status)
                ? OptionalInt.of(state.getExitCodeLong().intValue())
                : OptionalInt.empty();
        Optional<String> service = Optional.ofNullable(labels.get(SERVICE_LABEL));
        ContainerInfo info = new ContainerInfo(
                name,
                r.getId(),
                ContainerRoles.of(service.orElse(name), image),
                image,
                status,
                health,
                r.getRestartCount() == null ? 0 : r.getRestartCount(),
                startedAt,
                exitCode,
                service);
        return new StackContainer(
                info,
                published(r),
                Optional.ofNullable(labels.get(PROJECT_LABEL)),
                service,
                scope(r),
                etcdTls(r),
                Optional.ofNullable(labels.get("io.pgha.stack")));
    }

    private static Optional<String> scope(InspectContainerResponse r) {
        String[] env = r.getConfig() == null ? null : r.getConfig().getEnv();
        if (env == null) {
            return Optional.empty();
        }
        for (String e : env) {
            if (e.startsWith("SCOPE=") || e.startsWith("PATRONI_SCOPE=")) {
                return Optional.of(e.substring(e.indexOf('=') + 1)).filter(v -> !v.isBlank());
            }
        }
        return Optional.empty();
    }

    /** Whether etcd's settings in the environment say TLS for clients (read by name: no other variable is looked at). */
    static boolean etcdTls(InspectContainerResponse r) {
        String[] env = r.getConfig() == null ? null : r.getConfig().getEnv();
        return env != null && etcdTls(java.util.Arrays.asList(env));
    }

    static boolean etcdTls(List<String> env) {
        for (String e : env) {
            if (e.startsWith("ETCD_LISTEN_CLIENT_URLS=") || e.startsWith("ETCD_ADVERTISE_CLIENT_URLS=")) {
                if (e.substring(e.indexOf('=') + 1).strip().startsWith("https://")) {
                    return true;
                }
            } else if (e.startsWith("ETCD_CERT_FILE=") && e.length() > "ETCD_CERT_FILE=".length()) {
                return true;
            }
        }
        return false;
    }

    private static Map<Integer, StackContainer.HostPort> published(InspectContainerResponse r) {
        Map<Integer, StackContainer.HostPort> result = new HashMap<>();
        if (r.getNetworkSettings() == null || r.getNetworkSettings().getPorts() == null) {
            return result;
        }
        for (Map.Entry<ExposedPort, Ports.Binding[]> e :
                r.getNetworkSettings().getPorts().getBindings().entrySet()) {
            if (e.getValue() == null || !"tcp".equals(e.getKey().getProtocol().toString())) {
                continue;
            }
            for (Ports.Binding b : e.getValue()) {
                try {
                    int port = Integer.parseInt(b.getHostPortSpec());
                    String ip = b.getHostIp() == null
                                    || b.getHostIp().isBlank()
                                    || b.getHostIp().equals("0.0.0.0")
                            ? "127.0.0.1"
                            : b.getHostIp().equals("::") ? "::1" : b.getHostIp();
                    result.putIfAbsent(e.getKey().getPort(), new StackContainer.HostPort(ip, port));
                } catch (NumberFormatException ignored) {
                    // a port range: not one pgha publishes
                }
            }
        }
        return result;
    }

    private static Optional<Instant> instant(String s) {
        if (s == null || s.isBlank() || s.startsWith("0001-")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(s));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public ExecResult exec(String container, List<String> command, Duration execTimeout) {
        return new DockerJavaEngine(docker).exec(container, command, execTimeout);
    }

    @Override
    public synchronized Subscription events(
            String composeProject, Consumer<ContainerEvent> listener, Consumer<String> onFailure) {
        if (eventsClient == null) {
            eventsClient = DockerClients.create(timeout, Duration.ofDays(3650));
        }
        ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
            private volatile boolean closing;

            @Override
            public void onNext(Event e) {
                if (e.getType() != EventType.CONTAINER || e.getActor() == null) {
                    return;
                }
                Map<String, String> attributes = e.getActor().getAttributes() == null
                        ? Map.of()
                        : e.getActor().getAttributes();
                String name = attributes.getOrDefault("name", e.getActor().getId());
                Instant at = e.getTimeNano() != null
                        ? Instant.ofEpochSecond(0, e.getTimeNano())
                        : e.getTime() != null ? Instant.ofEpochSecond(e.getTime()) : Instant.now();
                listener.accept(new ContainerEvent(name, e.getAction() == null ? e.getStatus() : e.getAction(), at));
            }

            @Override
            public void onError(Throwable t) {
                if (closing) {
                    return; // our own close() cut the stream: nothing to report or log
                }
                onFailure.accept(DockerErrors.translate(
                                "streaming Docker events",
                                t instanceof RuntimeException r ? r : new RuntimeException(t))
                        .getMessage());
                try {
                    super.close();
                } catch (IOException ignored) {
                    // the stream is gone already
                }
            }

            @Override
            public void onComplete() {
                if (!closing) {
                    onFailure.accept("the Docker event stream ended");
                }
                super.onComplete();
            }

            @Override
            public void close() throws IOException {
                closing = true;
                super.close();
            }
        };
        try {
            eventsClient
                    .eventsCmd()
                    .withEventTypeFilter(EventType.CONTAINER)
                    .withEventFilter(LIFECYCLE_ACTIONS)
                    .withLabelFilter(Map.of(PROJECT_LABEL, composeProject))
                    .exec(callback);
        } catch (RuntimeException e) {
            throw DockerErrors.translate("subscribing to Docker events", e);
        }
        return () -> {
            try {
                callback.close();
            } catch (IOException ignored) {
                // the stream is gone already
            }
        };
    }

    @Override
    public synchronized void close() {
        closeQuietly(docker);
        if (eventsClient != null) {
            closeQuietly(eventsClient);
        }
    }

    private static void closeQuietly(DockerClient c) {
        try {
            c.close();
        } catch (IOException | RuntimeException ignored) {
            // closing
        }
    }
}
