package io.pgha.runtime.drill;

import java.util.List;
import java.util.Map;

/**
 * The stack a drill runs against, on the local Docker engine.
 *
 * @param members       Patroni members = container names
 * @param etcdMembers   etcd container names
 * @param network       the stack's Docker network
 * @param routerHost    where the host reaches the router (127.0.0.1)
 * @param patroniUrls   member name to a host-reachable Patroni REST base URL
 * @param watcherImage  an image with the pgha jars, run on the stack network to watch every node from inside
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
        String watcherImage) {

    public DrillTarget {
        members = List.copyOf(members);
        etcdMembers = List.copyOf(etcdMembers);
        patroniUrls = Map.copyOf(patroniUrls);
    }

    @Override
    public String toString() {
        return "DrillTarget[scope=" + scope + ", members=" + members + ", network=" + network + "]";
    }
}
