package io.pgha.console.wiring;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.stack.StackPorts;
import io.pgha.runtime.stack.StackSpec;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.Stream;

/**
 * What the new-cluster form proposes: the default spec, but with a name no known cluster has and ports that
 * are free now and belong to no known cluster (a stopped one would want them back). Ports move together
 * by {@link #STEP}, so the per-member ranges stay recognisable (8018, 8019 … for the second stack).
 */
final class FreeStackDefaults {

    static final int STEP = 10;
    private static final int ATTEMPTS = 200;

    private FreeStackDefaults() {}

    static String name(String preferred, ClusterRegistry registry) {
        Set<String> known = new HashSet<>(
                registry.list().stream().map(ClusterConnection::name).toList());
        if (!known.contains(preferred)) {
            return preferred;
        }
        for (int n = 2; ; n++) {
            if (!known.contains(preferred + "-" + n)) {
                return preferred + "-" + n;
            }
        }
    }

    /** @param bindable whether a port can be bound on the stack's bind address now */
    static StackPorts ports(StackSpec spec, ClusterRegistry registry, IntPredicate bindable) {
        Set<Integer> known = knownPorts(registry.list());
        for (int k = 0; k < ATTEMPTS; k++) {
            Optional<StackPorts> shifted = shift(spec.ports(), k * STEP);
            if (shifted.isPresent() && usable(shifted.get(), spec, known, bindable)) {
                return shifted.get();
            }
        }
        return spec.ports();
    }

    private static Optional<StackPorts> shift(StackPorts p, int by) {
        try {
            return Optional.of(new StackPorts(
                    p.write() + by,
                    p.read() + by,
                    p.stats() + by,
                    p.patroni() + by,
                    p.etcd() + by,
                    p.exporter() + by,
                    p.prometheus() + by));
        } catch (RuntimeException outOfRange) {
            return Optional.empty();
        }
    }

    private static boolean usable(StackPorts ports, StackSpec spec, Set<Integer> known, IntPredicate bindable) {
        try {
            return ports.published(spec.nodes(), spec.etcdMembers()).keySet().stream()
                    .allMatch(p -> !known.contains(p) && bindable.test(p));
        } catch (RuntimeException overlapOrRange) {
            return false;
        }
    }

    /** The host ports the registry's clusters are reached on. */
    static Set<Integer> knownPorts(List<ClusterConnection> clusters) {
        Set<Integer> ports = new HashSet<>();
        for (ClusterConnection c : clusters) {
            Stream.concat(c.etcdEndpoints().stream(), c.patroniUrls().values().stream())
                    .map(FreeStackDefaults::port)
                    .flatMap(Optional::stream)
                    .forEach(ports::add);
            c.router().ifPresent(r -> {
                ports.add(r.writePort());
                ports.add(r.readPort());
                port(r.statsUrl()).ifPresent(ports::add);
            });
            c.prometheus().flatMap(FreeStackDefaults::port).ifPresent(ports::add);
        }
        return ports;
    }

    private static Optional<Integer> port(String url) {
        try {
            int port = URI.create(url.strip()).getPort();
            return port > 0 ? Optional.of(port) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
