package io.pgha.runtime.attach;

import io.pgha.runtime.docker.StackContainer;
import java.util.List;
import java.util.Optional;

/**
 * A compose project on the local Docker engine that looks like a Patroni cluster: etcd and PostgreSQL
 * containers, perhaps a router.
 *
 * @param etcdEndpoints the etcd client URLs its etcd containers publish (https when etcd speaks TLS)
 * @param scope         the Patroni scope its PostgreSQL containers are configured with
 * @param etcdTls       whether its etcd serves clients over TLS
 * @param pghaStack     the stack's name when {@code pgha up} made it (its config directory keeps the cluster's CA and
 *                      the etcd login pgha uses)
 */
public record LocalStack(
        String project,
        List<String> etcdEndpoints,
        Optional<String> scope,
        List<StackContainer> containers,
        boolean etcdTls,
        Optional<String> pghaStack) {

    public LocalStack {
        etcdEndpoints = List.copyOf(etcdEndpoints);
        containers = List.copyOf(containers);
    }

    public LocalStack(
            String project, List<String> etcdEndpoints, Optional<String> scope, List<StackContainer> containers) {
        this(project, etcdEndpoints, scope, containers, false, Optional.empty());
    }

    /**
     * The command that attaches it: its name alone for a stack {@code pgha up} made (attach finds its etcd, TLS and
     * login), else its etcd endpoints and scope (and {@code --ca} when its etcd speaks TLS).
     */
    public String attachCommand() {
        if (pghaStack.isPresent()) {
            return "pgha attach " + project;
        }
        return "pgha attach " + project + " --etcd " + String.join(",", etcdEndpoints) + " --scope "
                + scope.orElse("SCOPE") + (etcdTls ? " --ca CA.crt" : "");
    }
}
