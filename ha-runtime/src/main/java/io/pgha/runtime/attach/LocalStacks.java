package io.pgha.runtime.attach;

import io.pgha.runtime.docker.ContainerObserver;
import io.pgha.runtime.docker.StackContainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Finds Patroni clusters among the compose projects on the local Docker engine. */
public final class LocalStacks {

    static final int ETCD_CLIENT_PORT = 2379;

    private LocalStacks() {}

    public static List<LocalStack> find(ContainerObserver docker) {
        return find(docker.inspectComposeContainers());
    }

    /** The Patroni clusters among these containers, by compose project. */
    static List<LocalStack> find(List<StackContainer> all) {
        Map<String, List<StackContainer>> byProject = new TreeMap<>();
        for (StackContainer c : all) {
            c.composeProject()
                    .ifPresent(p ->
                            byProject.computeIfAbsent(p, k -> new ArrayList<>()).add(c));
        }
        List<LocalStack> stacks = new ArrayList<>();
        byProject.forEach((project, containers) -> of(project, containers).ifPresent(stacks::add));
        return stacks;
    }

    /**
     * The project's Patroni cluster: its etcd client URLs (https when its etcd speaks TLS), its scope, and the pgha stack
     * it is when {@code pgha up} made it.
     */
    static Optional<LocalStack> of(String project, List<StackContainer> containers) {
        List<StackContainer> etcdContainers =
                containers.stream().filter(c -> "etcd".equals(c.info().role())).toList();
        boolean tls = etcdContainers.stream().anyMatch(StackContainer::etcdTls);
        List<String> etcd = etcdContainers.stream()
                .flatMap(c -> c.publishedPort(ETCD_CLIENT_PORT).stream())
                .map(p -> p.url(tls ? "https" : "http"))
                .sorted()
                .toList();
        Optional<String> pghaStack = containers.stream()
                .flatMap(c -> c.pghaStack().stream())
                .filter(project::equals)
                .findFirst();
        Optional<String> scope = containers.stream()
                .filter(c -> "postgres".equals(c.info().role()))
                .flatMap(c -> c.patroniScope().stream())
                .findFirst();
        boolean hasPostgres =
                containers.stream().anyMatch(c -> "postgres".equals(c.info().role()));
        return !etcd.isEmpty() && hasPostgres
                ? Optional.of(new LocalStack(project, etcd, scope, containers, tls, pghaStack))
                : Optional.empty();
    }
}
