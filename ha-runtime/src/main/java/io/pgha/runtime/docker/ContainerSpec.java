package io.pgha.runtime.docker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A container to create.
 *
 * @param name         container name
 * @param image        image reference
 * @param hostname     host name inside the container
 * @param network      the network it joins, with {@code aliases} as extra DNS names there
 * @param env          environment variables
 * @param labels       labels
 * @param volumes      named volume to mount path; a path ending in {@value #READ_ONLY} is mounted read-only
 * @param ports        host ports to publish
 * @param healthcheck  Docker health check, if any
 * @param dnsOptions   resolv.conf options
 * @param stopGrace    how long Docker waits after the stop signal before it kills
 * @param restartUnlessStopped restart policy unless-stopped (else no restart)
 * @param binds        host path to container path (bind mounts)
 * @param command      arguments to the image's entry point; empty: the image's own
 */
public record ContainerSpec(
        String name,
        String image,
        String hostname,
        String network,
        List<String> aliases,
        Map<String, String> env,
        Map<String, String> labels,
        Map<String, String> volumes,
        List<PublishedPort> ports,
        Optional<Healthcheck> healthcheck,
        List<String> dnsOptions,
        Optional<Duration> stopGrace,
        boolean restartUnlessStopped,
        Map<String, String> binds,
        List<String> command) {

    /** Docker's health check: a command (exec form) run every interval; failures in the start period do not count. */
    public record Healthcheck(
            List<String> command, Duration interval, Duration timeout, int retries, Duration startPeriod) {}

    public ContainerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        aliases = List.copyOf(aliases);
        env = Map.copyOf(env);
        labels = Map.copyOf(labels);
        volumes = Map.copyOf(volumes);
        ports = List.copyOf(ports);
        dnsOptions = List.copyOf(dnsOptions);
        binds = Map.copyOf(binds);
        command = List.copyOf(command);
    }

    /** The suffix of a volume's mount path that mounts it read-only (as in docker run -v NAME:PATH:ro). */
    public static final String READ_ONLY = ":ro";

    /** The same container with another environment. */
    public ContainerSpec withEnv(Map<String, String> other) {
        return new ContainerSpec(
                name,
                image,
                hostname,
                network,
                aliases,
                other,
                labels,
                volumes,
                ports,
                healthcheck,
                dnsOptions,
                stopGrace,
                restartUnlessStopped,
                binds,
                command);
    }

    /** The same container of another image. */
    public ContainerSpec withImage(String other) {
        return new ContainerSpec(
                name,
                other,
                hostname,
                network,
                aliases,
                env,
                labels,
                volumes,
                ports,
                healthcheck,
                dnsOptions,
                stopGrace,
                restartUnlessStopped,
                binds,
                command);
    }

    /** A volume's mount path without the read-only suffix. */
    public static String mountPath(String path) {
        return readOnly(path) ? path.substring(0, path.length() - READ_ONLY.length()) : path;
    }

    public static boolean readOnly(String path) {
        return path.endsWith(READ_ONLY);
    }

    @Override
    public String toString() {
        // the environment holds passwords: never print it
        return "ContainerSpec[" + name + ", " + image + "]";
    }
}
