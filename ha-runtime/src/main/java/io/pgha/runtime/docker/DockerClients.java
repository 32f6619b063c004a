package io.pgha.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.time.Duration;

/** Builds docker-java clients for the engine the environment names (DOCKER_HOST), else the local socket, or a given one. */
public final class DockerClients {

    private DockerClients() {}

    public static DockerClient create() {
        return create(Duration.ofSeconds(5), Duration.ofMinutes(5));
    }

    public static DockerClient create(Duration connectTimeout, Duration responseTimeout) {
        return client(DefaultDockerClientConfig.createDefaultConfigBuilder().build(), connectTimeout, responseTimeout);
    }

    /** A client of the engine at {@code endpoint} (unix:///… or tcp://…), e.g. a Swarm manager's. */
    public static DockerClient create(String endpoint, Duration connectTimeout, Duration responseTimeout) {
        return client(
                DefaultDockerClientConfig.createDefaultConfigBuilder()
                        .withDockerHost(endpoint)
                        .build(),
                connectTimeout,
                responseTimeout);
    }

    private static DockerClient client(
            DefaultDockerClientConfig config, Duration connectTimeout, Duration responseTimeout) {
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(50)
                .connectionTimeout(connectTimeout)
                .responseTimeout(responseTimeout)
                .build();
        return DockerClientImpl.getInstance(config, http);
    }
}
