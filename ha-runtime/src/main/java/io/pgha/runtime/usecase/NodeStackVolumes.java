package io.pgha.runtime.usecase;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.docker.DockerJavaEngine;
import io.pgha.runtime.docker.DockerVolume;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Removes a Swarm stack's volumes on the one engine it talks to. A Swarm manager's API removes only its own engine's
 * volumes, so {@code pgha down --volumes} runs this on every node as a one-shot global job (docs/decisions/0048).
 * A volume still used by a stopping task is tried again until the patience runs out.
 */
public final class NodeStackVolumes {

    /** The label Swarm puts on every object of a stack deployed with {@code docker stack deploy}. */
    public static final String STACK_LABEL = "com.docker.stack.namespace";

    private final DockerEngine engine;
    private final Duration patience;
    private final Duration every;

    public NodeStackVolumes(DockerEngine engine, Duration patience, Duration every) {
        this.engine = engine;
        this.patience = patience;
        this.every = every;
    }

    /** On the engine of the node it runs on (its socket mounted into the job's container): a minute's patience. */
    public static List<String> removeHere(String stack) {
        try (DockerEngine here = DockerJavaEngine.local()) {
            return new NodeStackVolumes(here, Duration.ofSeconds(60), Duration.ofSeconds(1)).remove(stack);
        }
    }

    /** The names of the volumes removed; fails with the ones left when they are still in use at the end. */
    public List<String> remove(String stack) {
        long deadline = System.nanoTime() + patience.toNanos();
        List<String> removed = new ArrayList<>();
        while (true) {
            List<DockerVolume> left = engine.volumes(Map.of(STACK_LABEL, stack));
            PghaException lastRefusal = null;
            for (DockerVolume v : left) {
                try {
                    engine.removeVolume(v.name());
                    removed.add(v.name());
                } catch (PghaException inUse) {
                    lastRefusal = inUse;
                }
            }
            if (lastRefusal == null) {
                return removed;
            }
            if (System.nanoTime() >= deadline) {
                List<String> names = engine.volumes(Map.of(STACK_LABEL, stack)).stream()
                        .map(DockerVolume::name)
                        .toList();
                throw PghaException.conflict("volumes " + String.join(", ", names) + " of stack " + stack
                        + " are still in use after " + patience.toSeconds() + " s (" + lastRefusal.getMessage()
                        + "); stop what uses them (docker ps -a --filter volume=NAME) and run pgha down --volumes"
                        + " again");
            }
            pause();
        }
    }

    private void pause() {
        try {
            Thread.sleep(every.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PghaException.timeout("interrupted while removing volumes");
        }
    }
}
