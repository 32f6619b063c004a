package io.pgha.runtime.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.SwarmNodeRole;
import com.github.dockerjava.api.model.Task;
import io.pgha.runtime.docker.DockerClients;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;

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
    public List<SwarmTask> tasks(String stack) {
        try {
            Map<String, String> services =
                    client.listServicesCmd().withLabelFilter(Map.of(STACK_LABEL, stack)).exec().stream()
                            .filter(s -> s.getSpec() != null && s.getSpec().getName() != null)
                            .collect(Collectors.toMap(
                                    Service::getId, s -> s.getSpec().getName()));
            if (services.isEmpty()) {
                return List.of();
            }
            return client.listTasksCmd().withServiceFilter(services.keySet().toArray(String[]::new)).exec().stream()
                    .filter(t -> services.containsKey(t.getServiceId()))
                    .map(t -> task(t, stack, services.get(t.getServiceId())))
                    .toList();
        } catch (RuntimeException e) {
            throw SwarmErrors.translate(endpoint, "listing the tasks of stack " + stack, e);
        }
    }

    /** The label {@code docker stack deploy} puts on the stack's services. */
    private static final String STACK_LABEL = "com.docker.stack.namespace";

    static SwarmTask task(Task t, String stack, String service) {
        String prefix = stack + "_";
        return new SwarmTask(
                service.startsWith(prefix) ? service.substring(prefix.length()) : service,
                t.getSlot() == null ? OptionalInt.empty() : OptionalInt.of(t.getSlot()),
                Optional.ofNullable(t.getNodeId()).filter(id -> !id.isBlank()),
                Optional.ofNullable(t.getStatus())
                        .map(st -> st.getState())
                        .map(st -> st.getValue())
                        .orElse("unknown"),
                Optional.ofNullable(t.getDesiredState())
                        .map(st -> st.getValue())
                        .orElse("unknown"),
                Optional.ofNullable(t.getCreatedAt()).orElse(""));
    }

    @Override
    public String self() {
        try {
            return String.valueOf(client.infoCmd().exec().getName());
        } catch (RuntimeException e) {
            throw SwarmErrors.translate(endpoint, "asking the engine for its name", e);
        }
    }

    static SwarmNode node(com.github.dockerjava.api.model.SwarmNode n) {
        var spec = Optional.ofNullable(n.getSpec());
        var status = Optional.ofNullable(n.getStatus());
        var manager = Optional.ofNullable(n.getManagerStatus());
        var description = Optional.ofNullable(n.getDescription());
        var resources = description.map(d -> d.getResources());
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
                status.map(s -> s.getAddress()).orElse(""),
                manager.map(m -> m.getReachability())
                        .map(r -> r.name().toLowerCase(Locale.ROOT))
                        .orElse(""),
                description
                        .map(d -> d.getEngine())
                        .map(e -> e.getEngineVersion())
                        .orElse(""),
                resources
                        .map(r -> r.getNanoCPUs())
                        .map(c -> OptionalInt.of((int) (c / 1_000_000_000L)))
                        .orElse(OptionalInt.empty()),
                resources.map(r -> r.getMemoryBytes()).map(OptionalLong::of).orElse(OptionalLong.empty()));
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
