package io.pgha.runtime.monitor;

import io.pgha.runtime.model.HealthCheck;
import io.pgha.runtime.postgres.SqlProbeResult;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The PostgreSQL probes of one round: through the router's write and read ports, and per node the
 * pg_isready answer from inside its container (only when the cluster runs on the local Docker engine).
 */
record PostgresReading(Optional<Probe> write, Optional<Probe> read, Map<String, HealthCheck> nodeReadiness) {

    record Probe(String target, SqlProbeResult result, Instant checkedAt) {}

    PostgresReading {
        nodeReadiness = Map.copyOf(nodeReadiness);
    }
}
