package io.pgha.runtime.docker;

import io.pgha.runtime.Api;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What provisioning needs from a Docker engine. Every failure is a {@link io.pgha.runtime.PghaException}
 * (translated by {@link DockerErrors}) whose message says what to do.
 */
@Api
public interface DockerEngine extends AutoCloseable {

    /** The engine's version and resources; fails with how to start Docker when it is not reachable. */
    EngineInfo info();

    boolean imagePresent(String image);

    /** Pulls an image, reporting progress lines such as "pulling quay.io/coreos/etcd:v3.6.7: 45%". */
    void pullImage(String image, Consumer<String> progress);

    Optional<DockerNetwork> network(String name);

    void createNetwork(String name, Map<String, String> labels);

    void removeNetwork(String name);

    Optional<DockerVolume> volume(String name);

    /** Volumes whose labels include all of {@code labels}. */
    List<DockerVolume> volumes(Map<String, String> labels);

    void createVolume(String name, Map<String, String> labels);

    void removeVolume(String name);

    /** Containers, running or not, whose labels include all of {@code labels}; all containers for an empty map. */
    List<DockerContainer> containers(Map<String, String> labels);

    Optional<DockerContainer> container(String name);

    /** Creates (does not start) a container and returns its id. */
    String createContainer(ContainerSpec spec);

    void start(String container);

    /** Stops a container, waiting up to {@code grace} before Docker kills it; a stopped one is left as is. */
    void stop(String container, Duration grace);

    /** Removes a container (running or not), keeping its volumes. */
    void remove(String container);

    /** Writes one file into a container (created or running), with the given mode, e.g. 0644. */
    void copyFile(String container, String path, byte[] content, int mode);

    /**
     * Writes files into a container (created or running) owned by the given user id, their missing parent directories
     * made (root's, 0755): a secret never passes through the container's environment. By default one {@link #copyFile}
     * each, ownership left to Docker.
     */
    default void copyFiles(String container, List<ContainerFile> files) {
        files.forEach(f -> copyFile(container, f.path(), f.content(), f.mode()));
    }

    ExecResult exec(String container, List<String> command, Duration timeout);

    @Override
    void close();
}
