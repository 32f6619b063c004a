package io.pgha.runtime.ops;

import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.docker.DockerJavaEngine;
import io.pgha.runtime.patroni.PatroniActions;
import io.pgha.runtime.patroni.PatroniClient;
import java.time.Duration;

/** The real {@link Backends}: Patroni over HTTP with the cluster's credentials, the local Docker engine. */
final class LiveBackends implements Backends {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);
    private final OperationSettings settings;
    private DockerEngine docker;

    LiveBackends(OperationSettings settings) {
        this.settings = settings;
    }

    @Override
    public PatroniActions actions(String baseUrl) {
        return PatroniActions.create(baseUrl, settings.restCredentials());
    }

    @Override
    public PatroniClient reader(String baseUrl) {
        return PatroniClient.create(baseUrl, READ_TIMEOUT);
    }

    @Override
    public synchronized DockerEngine docker() {
        if (docker == null) {
            docker = DockerJavaEngine.local();
        }
        return docker;
    }

    @Override
    public synchronized void close() {
        if (docker != null) {
            docker.close();
            docker = null;
        }
    }
}
