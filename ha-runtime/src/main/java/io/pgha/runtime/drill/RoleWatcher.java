package io.pgha.runtime.drill;

import io.pgha.runtime.docker.DockerFaults;
import io.pgha.runtime.docker.SidecarContainer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The role watcher: {@code pgha probe-roles} in a container on the stack's network, asking every member whether it
 * takes writes, its lines into {@link RoleSamples}. It logs in with the drill's login; the password is a file in the
 * container, not in its environment ({@code docker inspect} shows the environment).
 */
final class RoleWatcher {

    static final String PASSWORD_FILE = "/run/pgha/probe-password";

    private RoleWatcher() {}

    static SidecarContainer start(
            DockerFaults docker, DrillTarget target, String name, Duration length, RoleSamples samples) {
        return docker.sidecar(
                target.watcherImage(),
                name,
                target.network(),
                environment(target),
                files(target),
                List.of("probe-roles", "--members", String.join(",", target.members()), "--for", length.toString()),
                samples::addLine);
    }

    static List<String> environment(DrillTarget target) {
        return List.of("PGHA_PROBE_USER=" + target.superuser(), "PGHA_PROBE_PASSWORD_FILE=" + PASSWORD_FILE);
    }

    static Map<String, String> files(DrillTarget target) {
        return Map.of(PASSWORD_FILE, target.password());
    }
}
