package io.pgha.runtime.usecase;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.cluster.ConfigDirs;
import io.pgha.runtime.cluster.RestApiCredentialStore;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.cluster.SwarmDeployment;
import io.pgha.runtime.drill.DrillSettings;
import io.pgha.runtime.drill.HostDrillPlan;
import io.pgha.runtime.drill.HostDrillResult;
import io.pgha.runtime.drill.HostDrillRunner;
import io.pgha.runtime.drill.HostDrillScenario;
import io.pgha.runtime.drill.HostDrillTarget;
import io.pgha.runtime.swarm.DockerJavaSwarm;
import io.pgha.runtime.swarm.HostFaultPort;
import io.pgha.runtime.swarm.SwarmManager;
import io.pgha.runtime.swarm.TestHostFaults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * {@code pgha drill host-down | host-partition} (docs/decisions/0045): a cluster {@code pgha up --swarm} placed, its
 * members found on their nodes by Swarm's task placement, the hosts stopped or cut off through a {@link HostFaultPort}
 * (the test hosts' today), one {@link HostDrillRunner} per run.
 */
public final class HostDrill {

    private final Path root;

    public HostDrill() {
        this(ConfigDirs.root());
    }

    public HostDrill(Path root) {
        this.root = root;
    }

    /**
     * Runs the drill {@code runs} times on cluster {@code c}; refused before anything happens when it was not placed on
     * a Swarm or its hosts cannot be stopped from here.
     *
     * @param progress each run's number and a step
     */
    public List<HostDrillResult> run(
            ClusterConnection c,
            HostDrillScenario scenario,
            int runs,
            DrillSettings settings,
            Optional<StackCredentials.Login> superuser,
            BiConsumer<Integer, String> progress,
            BooleanSupplier cancelled) {
        SwarmDeployment d = SwarmDeployment.read(new ClusterRegistry(root).dir(c.name()))
                .orElseThrow(() -> refusedOnOneEngine(c.name(), scenario));
        StackCredentials.Login login = superuser.orElseThrow(() -> PghaException.invalidInput("no stored credentials"
                + " for " + c.name() + "; the drill writes as its superuser: give them with --env-file"));
        List<HostDrillResult> results = new ArrayList<>();
        try (HostFaultPort hosts = TestHostFaults.find(d.hosts())) {
            for (int i = 1; i <= runs; i++) {
                int n = i;
                HostDrillTarget target = target(c, d, placement(d), login);
                results.add(new HostDrillRunner(
                                target,
                                settings,
                                hosts,
                                node -> settled(d, node),
                                step -> progress.accept(n, step),
                                cancelled)
                        .run(scenario));
            }
        }
        return results;
    }

    static PghaException refusedOnOneEngine(String name, HostDrillScenario scenario) {
        return PghaException.invalidInput("drill " + scenario.cliName() + " needs a cluster placed across hosts by pgha"
                + " up --swarm; " + name + " runs on one Docker engine, where the host is the whole cluster. Drill a"
                + " node there instead (pgha drill kill-primary -c " + name + ", or partition-primary), or place the"
                + " cluster on a Swarm (pgha up --swarm ENDPOINT).");
    }

    /** Whether the Swarm settled on {@code node}; a manager without a leader (yet) has not. */
    private static boolean settled(SwarmDeployment d, String node) {
        try (SwarmManager swarm = DockerJavaSwarm.connect(d.endpoint())) {
            return swarm.nodes().stream()
                    .filter(n -> n.hostname().equals(node))
                    .findFirst()
                    .map(n -> HostDrillPlan.settled(swarm.tasks(d.stack()), n.id()))
                    .orElse(false);
        } catch (PghaException e) {
            return false;
        }
    }

    private static Map<String, String> placement(SwarmDeployment d) {
        try (SwarmManager swarm = DockerJavaSwarm.connect(d.endpoint())) {
            return swarm.placement(d.stack());
        }
    }

    /** The target of cluster {@code c} as Swarm placed it now. */
    static HostDrillTarget target(
            ClusterConnection c, SwarmDeployment d, Map<String, String> placement, StackCredentials.Login login) {
        ClusterConnection.RouterEndpoints router = c.router()
                .orElseThrow(() -> PghaException.invalidInput(
                        "cluster '" + c.name() + "' has no router: drills write through its write port"));
        Map<String, String> addresses = new LinkedHashMap<>();
        for (int i = 0; i < d.hosts().size() && i < d.addresses().size(); i++) {
            addresses.put(d.hosts().get(i), d.addresses().get(i));
        }
        List<String> members = c.patroniUrls().keySet().stream().sorted().toList();
        Map<String, String> memberPlacement = new LinkedHashMap<>();
        members.stream().filter(placement::containsKey).forEach(m -> memberPlacement.put(m, placement.get(m)));
        return new HostDrillTarget(
                d.stack(),
                members,
                memberPlacement,
                addresses,
                router.writePort(),
                c.patroniUrls(),
                login.user(),
                login.password(),
                c.caFile(),
                new RestApiCredentialStore().find(c.name()));
    }
}
