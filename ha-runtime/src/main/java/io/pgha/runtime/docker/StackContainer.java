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
 *                     part of the environment is read, as it holds passwords, except etcd's URL and file settings
 * @param etcdTls      whether an etcd container serves its clients over TLS (its ETCD_LISTEN_CLIENT_URLS or
 *                     ETCD_ADVERTISE_CLIENT_URLS say https, or it has an ETCD_CERT_FILE)
 * @param pghaStack    the stack a container of {@code pgha up} belongs to (its io.pgha.stack label)
 */
public record StackContainer(
        ContainerInfo info,
        Map<Integer, HostPort> published,
        Optional<String> composeProject,
        Optional<String> composeService,
        Optional<String> patroniScope,
        boolean etcdTls,
        Optional<String> pghaStack) {

    /** A published port; the address is one the host can connect to (0.0.0.0 and :: become loopback). */
    public record HostPort(String host, int port) {
        public String url(String scheme) {
            return scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    public StackContainer {
        published = Map.copyOf(published);
    }

    /** A container without etcd TLS that pgha did not make. */
    public StackContainer(
            ContainerInfo info,
            Map<Integer, HostPort> published,
            Optional<String> composeProject,
            Optional<String> composeService,
            Optional<String> patroniScope) {
        this(info, published, composeProject, composeService, patroniScope, false, Optional.empty());
    }

    public String name() {
        return info.name();
    }

    public Optional<HostPort> publishedPort(int containerPort) {
        return Optional.ofNullable(published.get(containerPort));
    }
}
