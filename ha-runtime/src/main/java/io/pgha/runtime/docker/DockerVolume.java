package io.pgha.runtime.docker;

import java.util.Map;

public record DockerVolume(String name, Map<String, String> labels) {
    public DockerVolume {
        labels = Map.copyOf(labels);
    }
}
