package io.pgha.runtime.docker;

import java.util.Map;

public record DockerNetwork(String id, String name, Map<String, String> labels) {
    public DockerNetwork {
        labels = Map.copyOf(labels);
    }
}
