package io.pgha.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import io.pgha.runtime.PghaException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A container's main process killed with SIGKILL by a short-lived container in the engine's host PID namespace
 * ({@code --pid host}): a process the engine sees die on its own, unlike {@code docker kill}. The signal goes only to
 * the process whose control groups name the container's id.
 */
final class ProcessCrash {

    /** The label that marks the short-lived container, {@code org.pgha.role}'s value. */
    static final String ROLE = "drill-process-crash";

    private static final long WAIT_SECONDS = 30;

    private ProcessCrash() {}

    static void crash(DockerClient docker, String container, String image) {
        String id;
        long pid;
        try {
            var inspect = docker.inspectContainerCmd(container).exec();
            id = inspect.getId();
            Long p = inspect.getState().getPidLong();
            pid = p == null ? 0 : p;
        } catch (RuntimeException e) {
            throw DockerErrors.translate("inspect " + container, e);
        }
        if (pid <= 0) {
            throw PghaException.conflict("cannot crash " + container + ": its process is not running");
        }
        String name = "pgha-drill-crash-" + container;
        remove(docker, name);
        try {
            docker.createContainerCmd(image)
                    .withName(name)
                    .withEntrypoint("sh")
                    .withCmd(List.of("-c", command(pid, id)))
                    .withLabels(Map.of("org.pgha.role", ROLE, "org.pgha.target", container))
                    .withHostConfig(HostConfig.newHostConfig().withPidMode("host"))
                    .exec();
            docker.startContainerCmd(name).exec();
            Integer code = docker.waitContainerCmd(name)
                    .exec(new WaitContainerResultCallback())
                    .awaitStatusCode(WAIT_SECONDS, TimeUnit.SECONDS);
            if (code == null || code != 0) {
                throw PghaException.unavailable("could not crash " + container + " (process " + pid
                        + "): the killing container ended with " + code
                        + " (the engine's host PID namespace must be reachable with --pid host)");
            }
        } catch (PghaException e) {
            throw e;
        } catch (RuntimeException e) {
            throw DockerErrors.translate("crash " + container + " from a container of " + image, e);
        } finally {
            remove(docker, name);
        }
    }

    /** The shell line: SIGKILL to {@code pid} only if its control groups name the container {@code id}. */
    static String command(long pid, String id) {
        return "grep -q " + id + " /proc/" + pid + "/cgroup && kill -KILL " + pid;
    }

    private static void remove(DockerClient docker, String name) {
        try {
            docker.removeContainerCmd(name).withForce(true).exec();
        } catch (NotFoundException gone) {
            // nothing left
        } catch (RuntimeException e) {
            throw DockerErrors.translate("remove container " + name, e);
        }
    }
}
