package io.pgha.runtime.cli;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.attach.LocalStack;
import io.pgha.runtime.attach.LocalStacks;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.docker.ContainerObserver;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Which cluster a command is about: the one named, or the only one known. */
final class ClusterChoice {

    private ClusterChoice() {}

    static ClusterConnection resolve(ClusterRegistry registry, Optional<String> name) {
        if (name.isPresent()) {
            return registry.get(name.get());
        }
        List<ClusterConnection> known = registry.list();
        if (known.size() == 1) {
            return known.get(0);
        }
        if (known.size() > 1) {
            throw PghaException.invalidInput("several clusters are known ("
                    + String.join(
                            ", ", known.stream().map(ClusterConnection::name).toList()) + "): name one");
        }
        throw PghaException.notFound("no cluster is known yet. " + hint());
    }

    /** What to do when nothing is registered: attach a stack that runs here, or create or attach one. */
    private static String hint() {
        List<LocalStack> stacks;
        try (ContainerObserver docker = ContainerObserver.connect(Duration.ofSeconds(2))) {
            stacks = LocalStacks.find(docker);
        } catch (PghaException e) {
            stacks = List.of();
        }
        if (stacks.isEmpty()) {
            return "Create one with `pgha up`, or attach a running one with "
                    + "`pgha attach NAME --etcd http://HOST:2379[,…] --scope SCOPE` (or --patroni URL).";
        }
        StringBuilder sb = new StringBuilder("A Patroni cluster runs on the local Docker engine; attach it with:");
        for (LocalStack s : stacks) {
            sb.append("\n  ").append(s.attachCommand());
        }
        return sb.toString();
    }
}
