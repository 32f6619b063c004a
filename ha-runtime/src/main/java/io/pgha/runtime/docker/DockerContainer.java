package io.pgha.runtime.docker;

import java.util.List;
import java.util.Map;

/**
 * A container as listed by the engine.
 *
 * @param state          Docker's state: created, running, paused, restarting, exited, dead
 * @param publishedPorts host ports it publishes (while it runs, or as configured)
 */
public record DockerContainer(
        String id,
        String name,
        String image,
        Map<String, String> labels,
        String state,
        List<PublishedPort> publishedPorts) {

    public DockerContainer {
        labels = Map.copyOf(labels);
        publishedPorts = List.copyOf(publishedPorts);
    }

    public boolean running() {
        return "running".equals(state);
    }
}
