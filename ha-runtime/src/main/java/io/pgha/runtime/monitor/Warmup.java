package io.pgha.runtime.monitor;

import io.pgha.runtime.Api;
import io.pgha.runtime.dcs.Dcs;
import io.pgha.runtime.docker.ContainerObserver;
import io.pgha.runtime.postgres.PostgresProbe;
import org.slf4j.LoggerFactory;

/**
 * Loads the sources' client libraries (logging, jetcd, docker-java, pgjdbc) on a background thread, so a
 * short-lived command can do it while it reads its configuration. Loading them is most of what
 * {@code pgha status} waits for, and on two cores the second one is otherwise idle at that moment.
 */
@Api
public final class Warmup {

    private Warmup() {}

    public static void inBackground() {
        Thread.ofPlatform().daemon().name("pgha-warmup").start(() -> {
            try {
                LoggerFactory.getILoggerFactory();
                Dcs.warmUp();
                ContainerObserver.warmUp();
                PostgresProbe.warmUp();
            } catch (RuntimeException | LinkageError e) {
                // only an optimisation: the sources load what they need themselves
            }
        });
    }
}
