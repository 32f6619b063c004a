package io.pgha.console.wiring;

import com.github.dockerjava.api.DockerClient;
import io.pgha.console.service.DockerEngine;
import io.pgha.console.service.DockerStatus;
import io.pgha.runtime.docker.DockerClients;
import io.pgha.runtime.docker.DockerErrors;
import java.io.IOException;
import java.time.Duration;

/** Asks the local Docker engine for its version, with short timeouts so the start screen answers quickly. */
final class DockerPing implements DockerEngine {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @Override
    public DockerStatus status() {
        try (DockerClient docker = DockerClients.create(TIMEOUT, TIMEOUT)) {
            String version = docker.versionCmd().exec().getVersion();
            return new DockerStatus(true, version, "");
        } catch (RuntimeException e) {
            return new DockerStatus(false, DockerErrors.translate("asking the Docker engine for its version", e).getMessage(),
                    "Fix that, then press “Check Docker again”.");
        } catch (IOException e) {
            return new DockerStatus(true, "(closing the client failed: " + e.getMessage() + ")", "");
        }
    }
}
