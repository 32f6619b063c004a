package io.pgha.runtime.drill;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.RestApiCredentials;
import io.pgha.runtime.stack.StackLayout;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * @param writePorts    every router's write port on {@code routerHost}, {@code writePort} first (two on a stack with
 *                      two routers, docs/decisions/0030)
 * @param etcdEndpoints  etcd's client URLs as the host reaches them (empty: unknown; the etcd-leader drill needs them)
 * @param etcdAuth       etcd's login and TLS files, when etcd needs them
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
        Optional<String> caFile,
        Optional<RestApiCredentials> restCredentials,
        Map<String, String> containers,
        List<Integer> writePorts,
        List<String> etcdEndpoints,
        Optional<ClusterConnection.EtcdAuth> etcdAuth) {

    /** A target of one router over plain HTTP without REST credentials. */
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
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                List.of(writePort),
                List.of(),
                Optional.empty());
    }

    public DrillTarget {
        members = List.copyOf(members);
        etcdMembers = List.copyOf(etcdMembers);
        patroniUrls = Map.copyOf(patroniUrls);
        containers = Map.copyOf(containers);
        writePorts = writePorts == null || writePorts.isEmpty() ? List.of(writePort) : List.copyOf(writePorts);
        etcdEndpoints = etcdEndpoints == null ? List.of() : List.copyOf(etcdEndpoints);
        etcdAuth = etcdAuth == null ? Optional.empty() : etcdAuth;
    }

    /** The first router's container: the stack's network is named after the stack (docs/decisions/0003). */
    public String routerContainer() {
        return StackLayout.containerName(network, StackLayout.ROUTER);
    }

    /** The supervisor's container (others may run beside it as {@code NAME-2}, {@code NAME-3}, docs/decisions/0035). */
    public String supervisorContainer() {
        return StackLayout.containerName(network, StackLayout.SUPERVISOR);
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
