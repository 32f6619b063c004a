package io.pgha.console.wiring;

import io.pgha.console.service.DockerCheck;
import io.pgha.console.service.DockerStatus;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.docker.DockerJavaEngine;

/** Asks the local Docker engine (DOCKER_HOST, else the local socket) for its version, through the runtime. */
final class DockerPing implements DockerCheck {

    @Override
    public DockerStatus status() {
        try (DockerJavaEngine engine = DockerJavaEngine.local()) {
            return new DockerStatus(true, engine.info().serverVersion(), "");
        } catch (PghaException e) {
            return new DockerStatus(false, e.getMessage(), "Fix that, then press “Check Docker again”.");
        }
    }
}
