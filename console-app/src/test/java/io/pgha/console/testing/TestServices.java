package io.pgha.console.testing;

import io.pgha.console.service.ClusterSessions;
import io.pgha.console.service.ConsoleServices;
import io.pgha.console.service.DockerCheck;
import io.pgha.console.service.DockerStatus;
import io.pgha.console.service.NewClusterRequest;
import io.pgha.console.service.ProvisioningEvent;
import io.pgha.console.service.ProvisioningRun;
import io.pgha.console.service.SpecProblem;
import io.pgha.console.service.StackProvisioning;
import io.pgha.console.wiring.RuntimeConsoleServices;
import io.pgha.runtime.cluster.ClusterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Console services for UI tests: the real registry (in a temporary directory) and the real attach stand-in,
 * with simulated clusters behind the sessions and a provisioner the test drives.
 */
public final class TestServices {

    private final ClusterRegistry registry;
    private final Map<String, SimulatedCluster> clusters = new ConcurrentHashMap<>();
    private final ScriptedProvisioning provisioning = new ScriptedProvisioning();
    private volatile DockerStatus docker = new DockerStatus(true, "28.0.0", "");

    public TestServices(Path configDir) {
        this.registry = new ClusterRegistry(configDir);
    }

    /** Registers a simulated cluster as if pgha had created it. */
    public SimulatedCluster addCluster(String name) {
        SimulatedCluster cluster = new SimulatedCluster(name);
        clusters.put(name, cluster);
        registry.save(cluster.connection());
        return cluster;
    }

    public SimulatedCluster cluster(String name) {
        return clusters.get(name);
    }

    public void dockerUnreachable(String why) {
        docker = new DockerStatus(
                false, why, "Start it (sudo systemctl start docker), then press “Check Docker again”.");
    }

    public ScriptedProvisioning provisioning() {
        return provisioning;
    }

    public ClusterRegistry registry() {
        return registry;
    }

    public ConsoleServices services() {
        ConsoleServices real = RuntimeConsoleServices.create(registry);
        provisioning.defaultsFrom(real.provisioning()::defaults);
        ClusterSessions sessions = connection -> clusters.computeIfAbsent(connection.name(), SimulatedCluster::new)
                .session();
        DockerCheck dockerCheck = () -> docker;
        return new ConsoleServices(registry, sessions, real.attachment(), provisioning, dockerCheck);
    }

    /** A provisioner whose progress the test sends. */
    public static final class ScriptedProvisioning implements StackProvisioning {
        private volatile Consumer<ProvisioningEvent> events;
        private volatile boolean cancelled;
        private volatile List<SpecProblem> problems = List.of();
        private volatile Supplier<NewClusterRequest> defaults = () -> new NewClusterRequest(
                "pg-ha",
                3,
                3,
                "auto",
                "127.0.0.1",
                false,
                new NewClusterRequest.Ports(5000, 5001, 8404, 8008, 23791, 9187, 9090),
                new NewClusterRequest.PatroniTiming(20, 2, 5));

        @Override
        public NewClusterRequest defaults() {
            return defaults.get();
        }

        /** Proposes what the real provisioning proposes (a free name and free ports) instead of the fixed defaults. */
        public void defaultsFrom(Supplier<NewClusterRequest> real) {
            defaults = real;
        }

        @Override
        public List<SpecProblem> check(NewClusterRequest request) {
            return problems;
        }

        public void problems(List<SpecProblem> problems) {
            this.problems = List.copyOf(problems);
        }

        @Override
        public ProvisioningRun start(NewClusterRequest request, Consumer<ProvisioningEvent> events) {
            this.events = events;
            return () -> cancelled = true;
        }

        public void send(ProvisioningEvent event) {
            events.accept(event);
        }

        public boolean started() {
            return events != null;
        }

        public boolean cancelled() {
            return cancelled;
        }
    }
}
