package io.pgha.runtime.drill;

import io.pgha.runtime.cluster.RestApiCredentials;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster placed on a Swarm as a host drill aims at it.
 *
 * @param stack       the Swarm stack's name (its services are {@code STACK_pg-0}, …)
 * @param members     Patroni members
 * @param placement   member to the Swarm node (hostname) its running task is on
 * @param addresses   node to the address where its published ports answer from here, in the Swarm's slot order
 * @param writePort   the router's write port, published on every node
 * @param patroniUrls member to its Patroni REST base URL
 */
public record HostDrillTarget(
        String stack,
        List<String> members,
        Map<String, String> placement,
        Map<String, String> addresses,
        int writePort,
        Map<String, String> patroniUrls,
        String superuser,
        String password,
        Optional<String> caFile,
        Optional<RestApiCredentials> restCredentials) {

    public HostDrillTarget {
        members = List.copyOf(members);
        placement = Map.copyOf(placement);
        addresses = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(addresses));
        patroniUrls = Map.copyOf(patroniUrls);
    }

    @Override
    public String toString() {
        return "HostDrillTarget[stack=" + stack + ", placement=" + placement + "]";
    }
}
