package io.pgha.runtime.monitor;

import io.pgha.runtime.patroni.PatroniCluster;
import io.pgha.runtime.patroni.PatroniNode;
import io.pgha.runtime.patroni.PatroniProbe;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One round of Patroni REST calls: each member's own state and check endpoints, and (when the DCS cannot
 * be read directly) one member's view of the whole cluster and the dynamic configuration.
 */
record PatroniReading(Map<String, Node> nodes, Optional<PatroniCluster> cluster, Optional<Map<String, Object>> config) {

    /**
     * One member's answers; a call that failed is empty and {@link #error} says why. {@code checksPending}: the
     * first round asked /health alone, /liveness and /readiness come with the next one.
     */
    record Node(
            String name,
            String url,
            Optional<PatroniNode> node,
            Optional<PatroniProbe> health,
            Optional<PatroniProbe> liveness,
            Optional<PatroniProbe> readiness,
            Optional<String> error,
            boolean checksPending,
            Instant checkedAt) {}

    PatroniReading {
        nodes = Map.copyOf(nodes);
    }

    Optional<Node> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }
}
