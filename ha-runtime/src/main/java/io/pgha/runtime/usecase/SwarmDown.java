package io.pgha.runtime.usecase;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.cluster.ConfigDirs;
import io.pgha.runtime.cluster.SwarmDeployment;
import io.pgha.runtime.provision.DownResult;
import io.pgha.runtime.provision.ProgressListener;
import io.pgha.runtime.swarm.DockerJavaSwarm;
import io.pgha.runtime.swarm.DockerStackCli;
import io.pgha.runtime.swarm.SwarmManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code pgha down} of a stack {@code pgha up --swarm} placed (docs/decisions/0043): {@code docker stack rm}, then the
 * wait until Swarm has taken its services and network away. Its data stays on the nodes' volumes unless
 * {@code removeVolumes}; a Swarm manager can only remove the volumes of its own engine, so the others' are listed with
 * the command that removes them on their node.
 */
public final class SwarmDown {

    private static final Duration GONE = Duration.ofMinutes(2);

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
            long deadline = System.nanoTime() + GONE.toNanos();
            while (!docker.services(d.stack()).isEmpty()
                    || !docker.networks(d.stack()).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw PghaException.timeout("the Swarm still has stack " + d.stack() + "'s network or services "
                            + GONE.toSeconds() + " s after docker stack rm; run pgha down -c " + name + " again");
                }
                pause();
                try {
                    docker.remove(d.stack()); // a network still in use by a stopping task is removed on a later try
                } catch (PghaException stillInUse) {
                    // tried again on the next round, until the deadline
                }
            }
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
                for (Map.Entry<String, List<String>> e : d.volumes().entrySet()) {
                    if (!e.getKey().equals(self) && !e.getValue().isEmpty()) {
                        kept.add("on node " + e.getKey() + ": docker -H <" + e.getKey() + "'s engine> volume rm "
                                + String.join(" ", e.getValue()));
                    }
                }
                new io.pgha.runtime.cluster.CredentialStore(root).delete(name);
                new io.pgha.runtime.cluster.RestApiCredentialStore(root).delete(name);
                registry.remove(name);
                return new SwarmUp.Done<>(
                        here.size(),
                        "removed " + here.size() + " volume(s) on " + self + " and the stored credentials"
                                + (kept.isEmpty()
                                        ? ""
                                        : "; a manager cannot remove other nodes' volumes: "
                                                + String.join("; ", kept)));
            });
        }
        return new DownResult(name, removed, removeVolumes, Duration.ofNanos(System.nanoTime() - start), kept);
    }

    /**
     * Removes the stack's volumes on the manager's own engine, once its tasks there have stopped (they stop after
     * {@code stack rm}: a volume in use cannot be removed yet); returns them.
     */
    private static List<String> removeWhenFree(DockerStackCli docker, String stack) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<String> volumes = docker.volumes(stack);
            try {
                docker.removeVolumes(volumes);
                return volumes;
            } catch (PghaException inUse) {
                if (System.nanoTime() > deadline) {
                    throw inUse;
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PghaException.timeout("interrupted while waiting for the Swarm");
        }
    }
}
