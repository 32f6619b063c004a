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
    private final java.util.Optional<String> caFile;
    private DockerEngine docker;

    /** @param caFile the cluster's CA, trusted for its HTTPS REST API */
    LiveBackends(OperationSettings settings, java.util.Optional<String> caFile) {
        this.settings = settings;
        this.caFile = caFile;
    }

    @Override
    public PatroniActions actions(String baseUrl) {
        return PatroniActions.create(baseUrl, settings.restCredentials(), caFile);
    }

    @Override
    public PatroniClient reader(String baseUrl) {
        return PatroniClient.create(baseUrl, caFile, READ_TIMEOUT);
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
