package io.pgha.runtime.stack;

import io.pgha.runtime.PghaException;
import java.util.List;

/**
 * Where a stack's members go on a Swarm (docs/decisions/0028): slot {@code i} (1-based) is the Swarm node named
 * {@code hosts[i-1]} when hosts are given, else the node labelled {@value #LABEL}{@code =i}. etcd member {@code m} takes
 * slot {@code m}, PostgreSQL node {@code pg-n} slot {@code n+1} (its exporter with it), the supervisor and Prometheus
 * slot 1; with fewer hosts than members the slots wrap round. The router runs on every node.
 *
 * @param hosts the Swarm nodes' hostnames, in slot order; empty for node labels
 */
public record SwarmPlacement(List<String> hosts) {

    /** The node label that names a node's slot when no hostnames are given. */
    public static final String LABEL = "io.pgha.slot";

    public SwarmPlacement {
        hosts = List.copyOf(hosts);
        for (String h : hosts) {
            if (!h.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw PghaException.invalidInput("'" + h + "' is not a Swarm node's hostname");
            }
        }
    }

    /** Placement by node labels: `docker node update --label-add io.pgha.slot=N NODE` once per slot. */
    public static SwarmPlacement byLabels() {
        return new SwarmPlacement(List.of());
    }

    /** The placement constraint of a 1-based slot. */
    public String constraint(int slot) {
        if (hosts.isEmpty()) {
            return "node.labels." + LABEL + " == " + slot;
        }
        return "node.hostname == " + hosts.get((slot - 1) % hosts.size());
    }

    /** The slot of a service of the layout; empty for the router, which runs on every node. */
    static java.util.OptionalInt slot(StackService s) {
        String name = s.name();
        return switch (s.role()) {
            case ETCD -> java.util.OptionalInt.of(Integer.parseInt(name.substring("etcd-".length())));
            case POSTGRES -> java.util.OptionalInt.of(Integer.parseInt(name.substring("pg-".length())) + 1);
            case EXPORTER ->
                java.util.OptionalInt.of(
                        Integer.parseInt(name.substring("pg-".length(), name.length() - "-exporter".length())) + 1);
            case ROUTER -> java.util.OptionalInt.empty();
            case SUPERVISOR, PROMETHEUS -> java.util.OptionalInt.of(1);
        };
    }
}
