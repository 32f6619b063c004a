package io.pgha.runtime.drill;

import java.util.List;
import java.util.Map;

/**
 * The stack a drill runs against, on the local Docker engine.
 *
 * @param members       Patroni members
 * @param etcdMembers   etcd container names
 * @param network       the stack's Docker network
 * @param routerHost    where the host reaches the router (127.0.0.1)
 * @param patroniUrls   member name to a host-reachable Patroni REST base URL
 * @param watcherImage  an image with the pgha jars, run on the stack network to watch every node from inside
 * @param caFile        the cluster's CA, trusted for its HTTPS REST API
 * @param restCredentials Patroni REST API credentials for the drill's switchover, when the API asks for them
 * @param containers    member to its container's name where they differ (a stack made with another name than pg-ha)
 */
public record DrillTarget(
        String scope,
        List<String> members,
        List<String> etcdMembers,
        String network,
        String routerHost,
        int writePort,
        int readPort,
        Map<String, String> patroniUrls,
        String superuser,
        String password,
        String watcherImage,
        java.util.Optional<String> caFile,
        java.util.Optional<io.pgha.runtime.cluster.RestApiCredentials> restCredentials,
        Map<String, String> containers) {

    /** A target over plain HTTP without REST credentials. */
    public DrillTarget(
            String scope,
            List<String> members,
            List<String> etcdMembers,
            String network,
            String routerHost,
            int writePort,
            int readPort,
            Map<String, String> patroniUrls,
            String superuser,
            String password,
            String watcherImage) {
        this(
                scope,
                members,
                etcdMembers,
                network,
                routerHost,
                writePort,
                readPort,
                patroniUrls,
                superuser,
                password,
                watcherImage,
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                Map.of());
    }

    public DrillTarget {
        members = List.copyOf(members);
        etcdMembers = List.copyOf(etcdMembers);
        patroniUrls = Map.copyOf(patroniUrls);
        containers = Map.copyOf(containers);
    }

    /** The container the member runs in. */
    public String containerOf(String member) {
        return containers.getOrDefault(member, member);
    }

    @Override
    public String toString() {
        return "DrillTarget[scope=" + scope + ", members=" + members + ", network=" + network + "]";
    }
}
