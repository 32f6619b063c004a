package io.pgha.runtime.cluster;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stack {@code pgha up --swarm} placed, as {@code pgha down} finds it again: {@code swarm.json} beside the cluster's
 * {@code cluster.json} (no secret in it). A cluster without one runs on the local engine.
 *
 * @param stack the Swarm stack's name (the cluster's)
 * @param endpoint the manager's Docker endpoint it was deployed through
 * @param hosts the nodes of slots 1..n
 * @param addresses where each node's ports answer from where pgha runs
 * @param volumes the stack's volumes on each node (its data stays there; down --volumes removes them on every node: docs/decisions/0048)
 * @param spec the spec it was deployed with, as YAML (absent from files an older pgha wrote): a second {@code up
 *     --swarm} with another spec is refused instead of half-applied (docs/decisions/0043)
 */
public record SwarmDeployment(
        String stack,
        String endpoint,
        List<String> hosts,
        List<String> addresses,
        Map<String, List<String>> volumes,
        String spec) {

    public static final String FILE = "swarm.json";

    public SwarmDeployment {
        hosts = List.copyOf(hosts);
        addresses = List.copyOf(addresses);
        volumes = volumes == null ? Map.of() : new LinkedHashMap<>(volumes);
    }

    public static Optional<SwarmDeployment> read(Path clusterDir) {
        Path f = clusterDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readValue(f.toFile(), SwarmDeployment.class));
        } catch (IOException e) {
            throw PghaException.invalidInput("cannot read " + f + " (" + e.getMessage() + "); fix or delete it");
        }
    }

    public void save(Path clusterDir) {
        try {
            Files.createDirectories(clusterDir);
            Path tmp = Files.createTempFile(clusterDir, FILE, ".tmp");
            Json.pretty().writeValue(tmp.toFile(), this);
            Files.move(
                    tmp, clusterDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw PghaException.unavailable("cannot save " + clusterDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }
}
