package io.pgha.runtime.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Frame;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.docker.DockerClients;
import io.pgha.runtime.docker.DockerErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@link HostFaultPort} for the test hosts of scripts/test-hosts.sh (docs/decisions/0026): each host is a container
 * labelled {@code io.pgha.test-hosts=PREFIX} on this machine's engine, named like its Swarm node (its hostname), on
 * the network {@code PREFIX-net} at a fixed address, with its engine's second socket in a folder bind-mounted at
 * {@code /pgha-th}. Stopping a host is {@code docker kill} of its container, cutting it off is {@code docker network
 * disconnect}; a member is asked through the host's own socket.
 */
public final class TestHostFaults implements HostFaultPort {

    static final String LABEL = "io.pgha.test-hosts";
    static final String SOCKET_MOUNT = "/pgha-th";
    private static final String WRITABLE_SQL =
            "SELECT NOT pg_is_in_recovery() AND current_setting('default_transaction_read_only') = 'off'";
    private static final Duration ASK = Duration.ofSeconds(4);

    /**
     * One test host as this machine's engine shows it.
     *
     * @param address its fixed address on {@code network} (empty when it is cut off now)
     * @param endpoint its own engine's socket, {@code unix://…/docker.sock} (empty when it has none)
     */
    public record TestHost(String container, String hostname, String network, String address, String endpoint) {}

    private final DockerClient local;
    private final Map<String, TestHost> hosts;
    private final Map<String, DockerClient> engines = new ConcurrentHashMap<>();
    private final Map<String, String> taskContainers = new ConcurrentHashMap<>();

    private TestHostFaults(DockerClient local, Map<String, TestHost> hosts) {
        this.local = local;
        this.hosts = hosts;
    }

    /** The test hosts of {@code nodes} on this machine's engine; refused when a node is not one. */
    public static TestHostFaults find(List<String> nodes) {
        DockerClient local = DockerClients.create(Duration.ofSeconds(5), Duration.ofSeconds(60));
        try {
            return new TestHostFaults(local, match(nodes, list(local)));
        } catch (RuntimeException e) {
            closeQuietly(local);
            throw e;
        }
    }

    /** Each node's test host, by hostname; refused with what to do when a node has none. */
    static Map<String, TestHost> match(List<String> nodes, List<TestHost> found) {
        Map<String, TestHost> byNode = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String node : nodes) {
            Optional<TestHost> h =
                    found.stream().filter(t -> t.hostname().equals(node)).findFirst();
            if (h.isEmpty()) {
                missing.add(node);
            } else if (h.get().endpoint().isEmpty()) {
                throw PghaException.invalidInput(
                        "test host " + h.get().container() + " has no engine socket mounted at " + SOCKET_MOUNT
                                + "; make the test hosts again with scripts/test-hosts.sh down and up");
            } else {
                byNode.put(node, h.get());
            }
        }
        if (!missing.isEmpty()) {
            throw PghaException.invalidInput("pgha can stop or cut off only the test hosts of scripts/test-hosts.sh"
                    + " (containers labelled " + LABEL + " on this machine's Docker engine); Swarm node(s) "
                    + String.join(", ", missing) + " are not among them. A real host needs a fence or power hook,"
                    + " which pgha does not have yet (docs/decisions/0045): stop or disconnect that host yourself and"
                    + " watch with pgha status, or run the host drills on test hosts (scripts/test-hosts.sh up 3,"
                    + " then pgha up --swarm ENDPOINT).");
        }
        return byNode;
    }

    private static List<TestHost> list(DockerClient local) {
        try {
            List<TestHost> found = new ArrayList<>();
            for (Container c : local.listContainersCmd()
                    .withShowAll(true)
                    .withLabelFilter(List.of(LABEL))
                    .exec()) {
                InspectContainerResponse i =
                        local.inspectContainerCmd(c.getId()).exec();
                String prefix = String.valueOf(c.getLabels().get(LABEL));
                String network = prefix + "-net";
                ContainerNetwork net =
                        i.getNetworkSettings() == null || i.getNetworkSettings().getNetworks() == null
                                ? null
                                : i.getNetworkSettings().getNetworks().get(network);
                String address = net == null
                        ? ""
                        : Optional.ofNullable(net.getIpamConfig())
                                .map(ContainerNetwork.Ipam::getIpv4Address)
                                .filter(a -> !a.isBlank())
                                .orElse(Optional.ofNullable(net.getIpAddress()).orElse(""));
                String endpoint = i.getMounts() == null
                        ? ""
                        : i.getMounts().stream()
                                .filter(m -> m.getDestination() != null
                                        && SOCKET_MOUNT.equals(
                                                m.getDestination().getPath()))
                                .map(m -> "unix://" + m.getSource() + "/docker.sock")
                                .findFirst()
                                .orElse("");
                found.add(new TestHost(
                        i.getName().replaceFirst("^/", ""), i.getConfig().getHostName(), network, address, endpoint));
            }
            return found;
        } catch (RuntimeException e) {
            throw DockerErrors.translate("listing the test hosts", e);
        }
    }

    private TestHost host(String node) {
        TestHost h = hosts.get(node);
        if (h == null) {
            throw PghaException.invalidInput("Swarm node " + node + " is not one of the test hosts " + hosts.keySet());
        }
        return h;
    }

    @Override
    public void stop(String node) {
        String c = host(node).container();
        run("docker kill " + c, () -> local.killContainerCmd(c).exec());
    }

    @Override
    public void start(String node) {
        String c = host(node).container();
        if (!Boolean.TRUE.equals(state(c).getRunning())) {
            run("docker start " + c, () -> local.startContainerCmd(c).exec());
        }
    }

    @Override
    public void cut(String node) {
        TestHost h = host(node);
        run(
                "docker network disconnect " + h.network() + " " + h.container(),
                () -> local.disconnectFromNetworkCmd()
                        .withNetworkId(h.network())
                        .withContainerId(h.container())
                        .withForce(true)
                        .exec());
    }

    @Override
    public void reconnect(String node) {
        TestHost h = host(node);
        var networks = local.inspectContainerCmd(h.container())
                .exec()
                .getNetworkSettings()
                .getNetworks();
        if (networks != null && networks.containsKey(h.network())) {
            return;
        }
        ContainerNetwork at = h.address().isEmpty()
                ? new ContainerNetwork()
                : new ContainerNetwork().withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(h.address()));
        run(
                "docker network connect " + h.network() + " " + h.container(),
                () -> local.connectToNetworkCmd()
                        .withNetworkId(h.network())
                        .withContainerId(h.container())
                        .withContainerNetwork(at)
                        .exec());
    }

    @Override
    public HostRole role(String node, String stack, String service, String superuser) {
        TestHost h = host(node);
        try {
            DockerClient engine =
                    engines.computeIfAbsent(node, n -> DockerClients.create(h.endpoint(), Duration.ofSeconds(2), ASK));
            String key = node + "/" + service;
            String id = taskContainers.computeIfAbsent(key, k -> runningTask(engine, stack + "_" + service));
            if (id.isEmpty()) {
                taskContainers.remove(key);
                return HostRole.UNREACHABLE;
            }
            HostRole role = HostRole.ofPsql(
                    exec(engine, id, "psql", "-U", superuser, "-h", "/var/run/postgresql", "-XAtc", WRITABLE_SQL));
            if (role == HostRole.UNREACHABLE) {
                taskContainers.remove(key); // the task may have been replaced
            }
            return role;
        } catch (RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            taskContainers.remove(node + "/" + service);
            return HostRole.UNREACHABLE;
        }
    }

    private static String runningTask(DockerClient engine, String service) {
        List<Container> running = engine.listContainersCmd()
                .withLabelFilter(Map.of("com.docker.swarm.service.name", service))
                .exec();
        return running.size() == 1 ? running.get(0).getId() : "";
    }

    private static String exec(DockerClient engine, String id, String... command) throws InterruptedException {
        String exec = engine.execCreateCmd(id)
                .withCmd(command)
                .withAttachStdout(true)
                .withAttachStderr(true)
                .exec()
                .getId();
        StringBuilder out = new StringBuilder();
        boolean done = engine.execStartCmd(exec)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        synchronized (out) {
                            out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    }
                })
                .awaitCompletion(ASK.toMillis(), TimeUnit.MILLISECONDS);
        synchronized (out) {
            return done ? out.toString() : "";
        }
    }

    @Override
    public String describe(String node) {
        TestHost h = host(node);
        return "test host " + h.container() + " (docker kill / start, or network disconnect / connect " + h.network()
                + ", on this machine's engine)";
    }

    private InspectContainerResponse.ContainerState state(String container) {
        try {
            return local.inspectContainerCmd(container).exec().getState();
        } catch (RuntimeException e) {
            throw DockerErrors.translate("inspect " + container, e);
        }
    }

    private static void run(String action, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            throw DockerErrors.translate(action, e);
        }
    }

    @Override
    public void close() {
        engines.values().forEach(TestHostFaults::closeQuietly);
        closeQuietly(local);
    }

    private static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
