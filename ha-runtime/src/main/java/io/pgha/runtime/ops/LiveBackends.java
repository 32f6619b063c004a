package io.pgha.runtime.ops;

import io.pgha.runtime.docker.ContainerControl;
import io.pgha.runtime.patroni.PatroniActions;
import io.pgha.runtime.patroni.PatroniClient;
import java.time.Duration;

/** The real {@link Backends}: Patroni over HTTP with the cluster's credentials, the local Docker engine. */
final class LiveBackends implements Backends {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);
    private final OperationSettings settings;
    private ContainerControl containers;

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
    public synchronized ContainerControl containers() {
        if (containers == null) {
            containers = ContainerControl.connect(settings.containerStopGrace());
        }
        return containers;
    }

    @Override
    public synchronized void close() {
        if (containers != null) {
            containers.close();
            containers = null;
        }
    }
}
