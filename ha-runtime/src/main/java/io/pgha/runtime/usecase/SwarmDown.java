package io.pgha.runtime.usecase;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.cluster.ConfigDirs;
import io.pgha.runtime.cluster.SwarmDeployment;
import io.pgha.runtime.provision.DownResult;
import io.pgha.runtime.provision.Poll;
import io.pgha.runtime.provision.ProgressListener;
import io.pgha.runtime.stack.StackImages;
import io.pgha.runtime.swarm.DockerJavaSwarm;
import io.pgha.runtime.swarm.DockerStackCli;
import io.pgha.runtime.swarm.SwarmManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code pgha down} of a stack {@code pgha up --swarm} placed (docs/decisions/0043): {@code docker stack rm}, then the
 * wait until Swarm has taken its services and network away. Its data stays on the nodes' volumes unless
 * {@code removeVolumes}: the manager's own engine removes its volumes, a one-shot global job removes the other nodes'
 * (docs/decisions/0048); a node the job could not reach keeps them, listed with the command that removes them there.
 */
public final class SwarmDown {

    private static final Duration GONE = Duration.ofMinutes(2);
    private static final Duration JOB = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final Path root;

    public SwarmDown() {
        this(ConfigDirs.root());
    }

    public SwarmDown(Path root) {
        this.root = root;
    }

    /** Whether {@code name} is a stack placed on a Swarm (else {@code down} is the local engine's). */
    public boolean knows(String name) {
        return SwarmDeployment.read(new ClusterRegistry(root).dir(name)).isPresent();
    }

    public DownResult down(String name, boolean removeVolumes, ProgressListener progress) {
        long start = System.nanoTime();
        ClusterRegistry registry = new ClusterRegistry(root);
        Path dir = registry.dir(name);
        SwarmDeployment d = SwarmDeployment.read(dir)
                .orElseThrow(() -> PghaException.notFound("cluster " + name + " was not placed on a Swarm"));
        DockerStackCli docker = new DockerStackCli(d.endpoint());
        List<String> removed = new ArrayList<>();
        SwarmUp.step(progress, "stack", "docker stack rm", () -> {
            Map<String, String> services = docker.services(d.stack());
            // always: a run that failed half-way may have left secrets, configs or the network without services
            try {
                docker.remove(d.stack());
            } catch (PghaException e) {
                if (!String.valueOf(e.getMessage()).contains("network")) {
                    throw e;
                }
                // the services are gone, a network still had a stopping task on it: the next step tries again
            }
            services.keySet().forEach(s -> removed.add("service " + d.stack() + "_" + s));
            return services.isEmpty()
                    ? new SwarmUp.Done<>(0, "no service of stack " + d.stack() + " on the Swarm", true)
                    : new SwarmUp.Done<>(services.size(), "removed " + services.size() + " services");
        });
        SwarmUp.step(progress, "gone", "Tasks and network gone", () -> {
            Poll.until(
                    "stack " + d.stack() + "'s services and network gone (run pgha down -c " + name + " again)",
                    GONE,
                    POLL,
                    () -> {
                        boolean gone = docker.services(d.stack()).isEmpty()
                                && docker.networks(d.stack()).isEmpty();
                        if (!gone) {
                            tryRemove(docker, d.stack()); // a network in use by a stopping task goes on a later try
                        }
                        return gone;
                    },
                    () -> "services " + docker.services(d.stack()).keySet() + ", networks "
                            + docker.networks(d.stack()));
            return new SwarmUp.Done<>(0, "the Swarm has nothing of " + d.stack() + " left");
        });
        List<String> kept = new ArrayList<>();
        if (removeVolumes) {
            SwarmUp.step(progress, "volumes", "Remove data volumes and credentials", () -> {
                String self;
                try (SwarmManager swarm = DockerJavaSwarm.connect(d.endpoint())) {
                    self = swarm.self();
                }
                List<String> here = removeWhenFree(docker, d.stack());
                here.forEach(v -> removed.add("volume " + v + " on " + self));
                Map<String, List<String>> others = new java.util.LinkedHashMap<>();
                d.volumes().forEach((node, volumes) -> {
                    if (!node.equals(self) && !volumes.isEmpty()) {
                        others.put(node, volumes);
                    }
                });
                if (!others.isEmpty()) {
                    removeOnOtherNodes(docker, d.stack(), others, removed, kept);
                }
                new io.pgha.runtime.cluster.CredentialStore(root).delete(name);
                new io.pgha.runtime.cluster.RestApiCredentialStore(root).delete(name);
                registry.remove(name);
                long all = removed.stream().filter(r -> r.startsWith("volume ")).count();
                return new SwarmUp.Done<>(
                        (int) all,
                        "removed " + all + " volume(s) on " + (others.size() + 1)
                                + " node(s) and the stored credentials"
                                + (kept.isEmpty() ? "" : "; left: " + String.join("; ", kept)));
            });
        }
        return new DownResult(name, removed, removeVolumes, Duration.ofNanos(System.nanoTime() - start), kept);
    }

    /**
     * Removes the stack's volumes on the other nodes through a one-shot global job of pgha's own image that talks to
     * each node's engine (docs/decisions/0048); a node whose job did not complete keeps its volumes, listed in
     * {@code kept} with the command that removes them there.
     */
    private static void removeOnOtherNodes(
            DockerStackCli docker,
            String stack,
            Map<String, List<String>> others,
            List<String> removed,
            List<String> kept) {
        String job = stack + "_remove-volumes";
        docker.removeService(job); // one a failed earlier down left
        docker.startJobOnEveryNode(job, StackImages.SUPERVISOR, "remove-stack-volumes", "--stack", stack);
        List<DockerStackCli.JobTask> tasks;
        try {
            tasks = Poll.lastLook(
                    JOB,
                    POLL,
                    () -> docker.jobTasks(job),
                    now -> others.keySet().stream()
                            .allMatch(node -> tasks(now, node).stream().anyMatch(DockerStackCli.JobTask::ended)));
        } finally {
            docker.removeService(job);
        }
        for (Map.Entry<String, List<String>> e : others.entrySet()) {
            List<DockerStackCli.JobTask> mine = tasks(tasks, e.getKey());
            if (mine.stream().anyMatch(DockerStackCli.JobTask::done)) {
                e.getValue().forEach(v -> removed.add("volume " + v + " on " + e.getKey()));
            } else {
                String why = mine.stream()
                        .map(t -> t.state() + (t.error().isEmpty() ? "" : " (" + t.error() + ")"))
                        .findFirst()
                        .orElse("no task there within " + JOB.toSeconds() + " s: is the node up?");
                kept.add("on node " + e.getKey() + " (" + why + "): docker -H <" + e.getKey() + "'s engine> volume rm "
                        + String.join(" ", e.getValue()));
            }
        }
    }

    private static List<DockerStackCli.JobTask> tasks(List<DockerStackCli.JobTask> all, String node) {
        return all.stream().filter(t -> t.node().equals(node)).toList();
    }

    /**
     * Removes the stack's volumes on the manager's own engine, once its tasks there have stopped (they stop after
     * {@code stack rm}: a volume in use cannot be removed yet); returns them.
     */
    private static List<String> removeWhenFree(DockerStackCli docker, String stack) {
        return Poll.until(
                "the volumes of " + stack + " free to remove",
                Duration.ofSeconds(60),
                POLL,
                () -> {
                    List<String> volumes = docker.volumes(stack);
                    try {
                        docker.removeVolumes(volumes);
                        return Optional.of(volumes);
                    } catch (PghaException inUse) {
                        return Optional.empty();
                    }
                },
                () -> "in use: " + docker.volumes(stack));
    }

    private static void tryRemove(DockerStackCli docker, String stack) {
        try {
            docker.remove(stack);
        } catch (PghaException stillInUse) {
            // tried again on the next round, until the deadline
        }
    }
}
