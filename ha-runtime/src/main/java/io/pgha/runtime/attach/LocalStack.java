package io.pgha.runtime.attach;

import io.pgha.runtime.docker.StackContainer;
import java.util.List;
import java.util.Optional;

/**
 * A compose project on the local Docker engine that looks like a Patroni cluster: etcd and PostgreSQL
 * containers, perhaps a router.
 *
 * @param etcdEndpoints the etcd client URLs its etcd containers publish
 * @param scope         the Patroni scope its PostgreSQL containers are configured with
 */
public record LocalStack(
        String project, List<String> etcdEndpoints, Optional<String> scope, List<StackContainer> containers) {

    public LocalStack {
        etcdEndpoints = List.copyOf(etcdEndpoints);
        containers = List.copyOf(containers);
    }

    /** The command that attaches it. */
    public String attachCommand() {
        return "pgha attach " + project + " --etcd " + String.join(",", etcdEndpoints) + " --scope "
                + scope.orElse("SCOPE");
    }
}
