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
        Map<String, List<StackContainer>> byProject = new TreeMap<>();
        for (StackContainer c : docker.inspectComposeContainers()) {
            c.composeProject()
                    .ifPresent(p ->
                            byProject.computeIfAbsent(p, k -> new ArrayList<>()).add(c));
        }
        List<LocalStack> stacks = new ArrayList<>();
        byProject.forEach((project, containers) -> of(project, containers).ifPresent(stacks::add));
        return stacks;
    }

    static Optional<LocalStack> of(String project, List<StackContainer> containers) {
        List<String> etcd = containers.stream()
                .filter(c -> "etcd".equals(c.info().role()))
                .flatMap(c -> c.publishedPort(ETCD_CLIENT_PORT).stream())
                .map(p -> p.url("http"))
                .sorted()
                .toList();
        Optional<String> scope = containers.stream()
                .filter(c -> "postgres".equals(c.info().role()))
                .flatMap(c -> c.patroniScope().stream())
                .findFirst();
        boolean hasPostgres =
                containers.stream().anyMatch(c -> "postgres".equals(c.info().role()));
        return !etcd.isEmpty() && hasPostgres
                ? Optional.of(new LocalStack(project, etcd, scope, containers))
                : Optional.empty();
    }
}
