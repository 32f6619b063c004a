package io.pgha.runtime.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.SwarmNodeRole;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import io.pgha.runtime.docker.DockerClients;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@link SwarmManager} through docker-java, on one manager's endpoint (unix socket or tcp). */
public final class DockerJavaSwarm implements SwarmManager {

    private final String endpoint;
    private final DockerClient client;

    private DockerJavaSwarm(String endpoint, DockerClient client) {
        this.endpoint = endpoint;
        this.client = client;
    }

    /**
     * A client of the manager at {@code endpoint}, e.g. unix:///tmp/pgha-th/1/docker.sock. A manager command on a host
     * cut off from the others hangs: every call has a deadline.
     */
    public static DockerJavaSwarm connect(String endpoint) {
        return new DockerJavaSwarm(
                endpoint, DockerClients.create(endpoint, Duration.ofSeconds(5), Duration.ofSeconds(20)));
    }

    @Override
    public List<SwarmNode> nodes() {
        try {
            return client.listSwarmNodesCmd().exec().stream()
                    .map(DockerJavaSwarm::node)
                    .toList();
        } catch (RuntimeException e) {
            throw SwarmErrors.translate(endpoint, "listing the Swarm's nodes", e);
        }
    }

    @Override
    public String self() {
        try {
            return String.valueOf(client.infoCmd().exec().getName());
        } catch (RuntimeException e) {
            throw SwarmErrors.translate(endpoint, "asking the engine for its name", e);
        }
    }

    @Override
    public Map<String, String> placement(String stack) {
        Map<String, String> placed = new TreeMap<>();
        tasks(stack).stream()
                .filter(t -> t.desired().equals("running") && t.state().equals("running"))
                .forEach(t -> placed.put(t.service(), t.node()));
        return placed;
    }

    @Override
    public List<SwarmTask> tasks(String stack) {
        try {
            Map<String, String> names = new HashMap<>();
            client.listServicesCmd()
                    .withLabelFilter(Map.of("com.docker.stack.namespace", stack))
                    .exec()
                    .forEach(s -> names.put(s.getId(), s.getSpec().getName()));
            if (names.isEmpty()) {
                return List.of();
            }
            Map<String, String> hostnames = new HashMap<>();
            nodes().forEach(n -> hostnames.put(n.id(), n.hostname()));
            List<SwarmTask> tasks = new ArrayList<>();
            for (Task t : client.listTasksCmd()
                    .withServiceFilter(names.keySet().toArray(String[]::new))
                    .exec()) {
                String service = names.get(t.getServiceId());
                if (service == null) {
                    continue;
                }
                tasks.add(new SwarmTask(
                        service.substring(Math.min(service.length(), stack.length() + 1)),
                        t.getNodeId() == null ? "" : hostnames.getOrDefault(t.getNodeId(), t.getNodeId()),
                        lower(t.getDesiredState()),
                        t.getStatus() == null ? "unknown" : lower(t.getStatus().getState())));
            }
            return tasks;
        } catch (RuntimeException e) {
            throw SwarmErrors.translate(endpoint, "listing stack " + stack + "'s tasks", e);
        }
    }

    private static String lower(TaskState s) {
        return s == null ? "unknown" : s.name().toLowerCase(Locale.ROOT);
    }

    static SwarmNode node(com.github.dockerjava.api.model.SwarmNode n) {
        var spec = Optional.ofNullable(n.getSpec());
        var status = Optional.ofNullable(n.getStatus());
        var manager = Optional.ofNullable(n.getManagerStatus());
        return new SwarmNode(
                n.getId(),
                Optional.ofNullable(n.getDescription())
                        .map(d -> d.getHostname())
                        .orElse(""),
                spec.map(s -> s.getRole() == SwarmNodeRole.MANAGER).orElse(false),
                manager.map(m -> m.isLeader()).orElse(false),
                status.map(s -> s.getState())
                        .map(s -> s.name().toLowerCase(Locale.ROOT))
                        .orElse("unknown"),
                spec.map(s -> s.getAvailability())
                        .map(a -> a.name().toLowerCase(Locale.ROOT))
                        .orElse("unknown"),
                status.map(s -> s.getAddress()).orElse(""));
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // closing a client of an unreachable manager: nothing left to release
        }
    }
}
