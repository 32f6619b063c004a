package io.pgha.console.wiring;

import io.pgha.console.service.NewClusterRequest;
import io.pgha.console.service.ProvisioningEvent;
import io.pgha.console.service.ProvisioningRun;
import io.pgha.console.service.SpecProblem;
import io.pgha.console.service.StackProvisioning;
import io.pgha.runtime.cluster.ClusterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Stand-in for the runtime's provisioner ({@code pgha up}, issue 3) until it is wired: gives the default spec
 * and checks what the form cannot (name taken, ports overlapping or in use), but cannot start a run yet.
 */
final class PendingProvisioning implements StackProvisioning {

    private static final NewClusterRequest DEFAULTS = new NewClusterRequest("pg-ha", "pg-ha", 3, 3, "auto", "127.0.0.1",
            new NewClusterRequest.Ports(5000, 5001, 8404, 8008, 23791, 9187), new NewClusterRequest.PatroniTiming(20, 2, 5));
    private final ClusterRegistry registry;

    PendingProvisioning(ClusterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public NewClusterRequest defaults() {
        return DEFAULTS;
    }

    @Override
    public List<SpecProblem> check(NewClusterRequest request) {
        List<SpecProblem> problems = new ArrayList<>();
        if (registry.find(request.name()).isPresent()) {
            problems.add(new SpecProblem(SpecProblem.NAME, "a cluster named '" + request.name() + "' already exists"));
        }
        Map<Integer, String> ports = new LinkedHashMap<>();
        NewClusterRequest.Ports p = request.ports();
        claim(ports, p.write(), "router writes", problems);
        claim(ports, p.read(), "router reads", problems);
        claim(ports, p.stats(), "router stats", problems);
        for (int n = 0; n < request.postgresNodes(); n++) {
            claim(ports, p.patroniBase() + n, "Patroni REST of pg-" + n, problems);
            claim(ports, p.exporterBase() + n, "exporter of pg-" + n, problems);
        }
        for (int m = 0; m < request.etcdMembers(); m++) {
            claim(ports, p.etcdBase() + m, "etcd client API of etcd-" + (m + 1), problems);
        }
        if (problems.stream().noneMatch(x -> x.field().equals(SpecProblem.PORTS))) {
            ports.forEach((port, what) -> {
                if (inUse(request.bindAddress(), port)) {
                    problems.add(new SpecProblem(SpecProblem.PORTS, "port " + port + " (" + what + ") is in use on "
                            + request.bindAddress() + ": stop what uses it or choose another port"));
                }
            });
        }
        return problems;
    }

    private static void claim(Map<Integer, String> ports, int port, String what, List<SpecProblem> problems) {
        String other = ports.putIfAbsent(port, what);
        if (other != null) {
            problems.add(new SpecProblem(SpecProblem.PORTS, "port " + port + " is given to both the " + other + " and the " + what));
        }
    }

    private static boolean inUse(String bindAddress, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public ProvisioningRun start(NewClusterRequest request, Consumer<ProvisioningEvent> events) {
        throw NotWiredYet.unavailable("Creating clusters from the console");
    }
}
