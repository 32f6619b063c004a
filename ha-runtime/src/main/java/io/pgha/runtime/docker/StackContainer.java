package io.pgha.runtime.docker;

import io.pgha.runtime.model.ContainerInfo;
import java.util.Map;
import java.util.Optional;

/**
 * A container as pgha needs it beyond {@link ContainerInfo}: where its ports are published and which
 * compose project and service it belongs to.
 *
 * @param published    container port (tcp) to the host address and port it is published on
 * @param patroniScope the Patroni scope a Spilo container is configured with (its SCOPE variable); no other
 *                     part of the environment is read, as it holds passwords
 */
public record StackContainer(
        ContainerInfo info,
        Map<Integer, HostPort> published,
        Optional<String> composeProject,
        Optional<String> composeService,
        Optional<String> patroniScope) {

    /** A published port; the address is one the host can connect to (0.0.0.0 and :: become loopback). */
    public record HostPort(String host, int port) {
        public String url(String scheme) {
            return scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    public StackContainer {
        published = Map.copyOf(published);
    }

    public String name() {
        return info.name();
    }

    public Optional<HostPort> publishedPort(int containerPort) {
        return Optional.ofNullable(published.get(containerPort));
    }
}
