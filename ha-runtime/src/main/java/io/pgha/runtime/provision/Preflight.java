package io.pgha.runtime.provision;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.docker.DockerContainer;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.docker.EngineInfo;
import io.pgha.runtime.docker.PublishedPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything that would make {@code up} fail half-way, checked before anything is created: names taken
 * by something else, missing credentials for existing data, host ports in use, too little memory or disk.
 */
final class Preflight {

    static final long MIN_MEMORY_BYTES = 1L << 30;
    static final long MIN_DISK_BYTES = 2L << 30;
    private static final java.time.Duration PORT_RELEASE_WAIT = java.time.Duration.ofSeconds(3);
    private static final Set<String> ANY_ADDRESS = Set.of("", "0.0.0.0", "::");
    private final DockerEngine docker;

    Preflight(DockerEngine docker) {
        this.docker = docker;
    }

    /** Fails with what to do, or returns a one-line summary of what was checked. */
    String check(DockerPlan plan, StackState state, EngineInfo engine, boolean credentialsStored) {
        String stack = plan.spec().name();
        Map<String, DockerContainer> all = docker.containers(Map.of()).stream()
                .collect(Collectors.toMap(DockerContainer::name, Function.identity(), (a, b) -> a));
        for (DockerPlan.Planned p : plan.containers()) {
            DockerContainer c = all.get(p.name());
            if (c != null && !stack.equals(c.labels().get(StackLabels.STACK))) {
                throw PghaException.conflict("a container named " + p.name()
                        + " already exists and is not part of pgha stack " + stack + " (" + owner(c.labels())
                        + "); remove it (docker rm -f " + p.name() + ") or choose another stack name with --name");
            }
        }
        docker.network(plan.layout().network())
                .filter(n -> !stack.equals(n.labels().get(StackLabels.STACK)))
                .ifPresent(n -> {
                    throw PghaException.conflict(
                            "a Docker network named " + n.name() + " already exists and is not part of pgha stack "
                                    + stack + " (" + owner(n.labels()) + "); remove it (docker network rm " + n.name()
                                    + ") or choose another stack name with --name");
                });
        for (String volume : plan.volumes().keySet()) {
            docker.volume(volume)
                    .filter(v -> !stack.equals(v.labels().get(StackLabels.STACK)))
                    .ifPresent(v -> {
                        throw PghaException.conflict("a Docker volume named " + volume
                                + " already exists and is not part of pgha stack " + stack
                                + " (" + owner(v.labels()) + "); if its data is not needed remove it (docker volume rm "
                                + volume
                                + ") or choose another stack name with --name");
                    });
        }
        // a backups volume alone, made ahead of the first up (on its own disk, with a size cap: docs/BACKUPS.md),
        // holds no database or etcd user to log in to
        boolean data = state.volumes().stream()
                .anyMatch(v -> !"backups".equals(v.labels().get(StackLabels.ROLE)));
        if (data && !credentialsStored) {
            throw PghaException.conflict("stack " + stack
                    + " has data volumes but its credentials are missing from pgha's config "
                    + "directory, so its databases cannot be reached; restore the credentials.json of cluster " + stack
                    + ", or delete the data with pgha down --name " + stack + " --volumes");
        }
        List<DockerPlan.Planned> toStart = plan.containers().stream()
                .filter(p -> state.containers().get(p.name()) == null
                        || !state.containers().get(p.name()).running())
                .toList();
        if (toStart.isEmpty()) {
            return "stack " + stack + " is running; nothing to check";
        }
        checkPorts(
                plan,
                toStart,
                all.values().stream()
                        .filter(c -> !stack.equals(c.labels().get(StackLabels.STACK)))
                        .toList());
        if (engine.memoryBytes() > 0 && engine.memoryBytes() < MIN_MEMORY_BYTES) {
            throw PghaException.refused("the Docker engine has " + mib(engine.memoryBytes())
                    + " MiB of memory; the stack needs at least " + mib(MIN_MEMORY_BYTES)
                    + " MiB: give Docker more memory (Docker Desktop: Settings, Resources) or close other containers");
        }
        String disk = "";
        Path root = engine.rootDir().isEmpty() ? null : Path.of(engine.rootDir());
        if (root != null && Files.isDirectory(root)) {
            try {
                long free = Files.getFileStore(root).getUsableSpace();
                if (free < MIN_DISK_BYTES) {
                    throw PghaException.refused("only " + mib(free) + " MiB are free where Docker keeps its data ("
                            + root + "); the stack needs at least " + mib(MIN_DISK_BYTES)
                            + " MiB: free some space (docker system prune) and try again");
                }
                disk = ", " + (free >> 30) + " GiB free disk";
            } catch (IOException e) {
                disk = "";
            }
        }
        return "names and ports free, " + mib(engine.memoryBytes()) + " MiB memory" + disk;
    }

    /**
     * Before a member's container is made for a running stack (an etcd member added by apply): its published ports
     * neither published by a container of another stack nor bound by another process; fails with what to do.
     */
    void checkPortsFree(DockerPlan plan, DockerPlan.Planned joining) {
        String stack = plan.spec().name();
        checkPorts(
                plan,
                List.of(joining),
                docker.containers(Map.of()).stream()
                        .filter(c -> !stack.equals(c.labels().get(StackLabels.STACK)))
                        .toList());
    }

    private void checkPorts(DockerPlan plan, List<DockerPlan.Planned> toStart, List<DockerContainer> others) {
        Map<Integer, String> what = plan.spec().publishedPorts();
        String bind = plan.spec().bindAddress();
        List<String> problems = new ArrayList<>();
        for (DockerPlan.Planned p : toStart) {
            for (PublishedPort port : p.container().ports()) {
                String purpose = what.getOrDefault(port.hostPort(), p.name());
                others.stream()
                        .filter(DockerContainer::running)
                        .filter(c -> c.publishedPorts().stream()
                                .anyMatch(o -> o.hostPort() == port.hostPort()
                                        && (o.hostIp().equals(bind)
                                                || ANY_ADDRESS.contains(o.hostIp())
                                                || ANY_ADDRESS.contains(bind))))
                        .findFirst()
                        .ifPresentOrElse(
                                c -> problems.add("port " + port.hostPort() + " (" + purpose
                                        + ") is already published by container " + c.name()),
                                () -> {
                                    if (!bindable(bind, port.hostPort())) {
                                        problems.add("port " + port.hostPort() + " (" + purpose + ") on " + bind
                                                + " is already in use by another process");
                                    }
                                });
            }
        }
        if (!problems.isEmpty()) {
            throw PghaException.conflict(
                    String.join("; ", problems) + ". Stop what uses it, or choose other ports (--write-port, "
                            + "--read-port, --stats-port, --patroni-port, --etcd-port, --exporter-port or a spec file); nothing was created");
        }
    }

    /** Whether the port can be bound, retried briefly: Docker releases the ports of a removed container asynchronously. */
    private static boolean bindable(String address, int port) {
        long deadline = System.nanoTime() + PORT_RELEASE_WAIT.toNanos();
        while (!bindableNow(address, port)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static boolean bindableNow(String address, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true); // like Docker: connections in TIME_WAIT do not hold a port, listeners do
            s.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String owner(Map<String, String> labels) {
        if (labels.containsKey(StackLabels.STACK)) {
            return "it belongs to pgha stack " + labels.get(StackLabels.STACK);
        }
        if (labels.containsKey(StackLabels.COMPOSE_PROJECT)) {
            return "it belongs to docker compose project " + labels.get(StackLabels.COMPOSE_PROJECT)
                    + "; docker compose -p " + labels.get(StackLabels.COMPOSE_PROJECT) + " down removes that";
        }
        return "pgha did not make it";
    }

    private static long mib(long bytes) {
        return bytes >> 20;
    }
}
