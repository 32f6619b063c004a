package io.pgha.runtime.swarm;

import io.pgha.runtime.PghaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Swarm stack through the docker CLI's {@code docker --host ENDPOINT stack …} (docs/decisions/0043): {@code stack
 * deploy} is Docker's own conversion of a compose file into services, secrets, configs and networks, so pgha does not
 * keep a second one. Secrets reach Swarm from the files beside the stack file, never on a command line. Every call has
 * a deadline: a manager cut off from the others hangs (docs/decisions/0026).
 */
public final class DockerStackCli {

    private static final Duration SHORT = Duration.ofSeconds(30);
    private static final Duration DEPLOY = Duration.ofMinutes(3);

    private final String endpoint;

    public DockerStackCli(String endpoint) {
        this.endpoint = endpoint;
    }

    /** {@code docker stack deploy -c FILE STACK} in {@code dir}, the local images as they are on each node. */
    public String deploy(Path dir, String file, String stack) {
        return run(DEPLOY, dir, "stack", "deploy", "--resolve-image", "never", "-c", file, stack);
    }

    /** The stack's services by their short names (without "STACK_") and their replicas, e.g. pg-0 → 1/1. */
    public Map<String, String> services(String stack) {
        Map<String, String> services = new LinkedHashMap<>();
        for (String line : run(SHORT, null, "stack", "services", stack, "--format", "{{.Name}} {{.Replicas}}")
                .split("\n")) {
            String[] parts = line.strip().split(" ");
            if (parts.length == 2 && parts[0].startsWith(stack + "_")) {
                services.put(parts[0].substring(stack.length() + 1), parts[1]);
            }
        }
        return services;
    }

    /** {@code docker stack rm}: Swarm removes the services, then their tasks and networks, in the background. */
    public void remove(String stack) {
        run(SHORT, null, "stack", "rm", stack);
    }

    /** The stack's networks still on the manager (removed once every task on it is gone). */
    public List<String> networks(String stack) {
        return lines(run(SHORT, null, "network", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + stack));
    }

    /** The stack's volumes on the engine at the endpoint (each node keeps its own). */
    public List<String> volumes(String stack) {
        return lines(run(SHORT, null, "volume", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + stack));
    }

    /** Removes volumes of the engine at the endpoint. */
    public void removeVolumes(List<String> volumes) {
        if (!volumes.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("volume", "rm"));
            args.addAll(volumes);
            run(SHORT, null, args.toArray(String[]::new));
        }
    }

    /**
     * Starts {@code image} with {@code args} once on every node as a global job ({@code --mode global-job}), with that
     * node's Docker socket mounted: the one way through a manager to the other engines' volumes (docs/decisions/0048).
     */
    public void startJobOnEveryNode(String name, String image, String... args) {
        List<String> create = new ArrayList<>(List.of(
                "service",
                "create",
                "--detach",
                "--no-resolve-image",
                "--name",
                name,
                "--mode",
                "global-job",
                "--restart-condition",
                "none",
                "--mount",
                "type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock",
                image));
        create.addAll(List.of(args));
        run(SHORT, null, create.toArray(String[]::new));
    }

    /** The job's task on each node: its node's hostname, its state's first word (Complete, Failed, Running…), its error. */
    public List<JobTask> jobTasks(String name) {
        return lines(run(
                        SHORT,
                        null,
                        "service",
                        "ps",
                        name,
                        "--no-trunc",
                        "--format",
                        "{{.Node}}\t{{.CurrentState}}\t{{.Error}}"))
                .stream()
                .map(JobTask::parse)
                .toList();
    }

    /** Removes a service (a finished job); one already gone is not an error. */
    public void removeService(String name) {
        try {
            run(SHORT, null, "service", "rm", name);
        } catch (PghaException e) {
            if (!String.valueOf(e.getMessage()).contains("not found")) {
                throw e;
            }
        }
    }

    /** One node's task of a job. */
    public record JobTask(String node, String state, String error) {

        static JobTask parse(String line) {
            String[] f = line.split("\t", -1);
            String state = f.length > 1 ? f[1].strip().split(" ")[0] : "";
            return new JobTask(f[0].strip(), state, f.length > 2 ? f[2].strip() : "");
        }

        public boolean ended() {
            return done() || failed();
        }

        public boolean done() {
            return "Complete".equals(state);
        }

        public boolean failed() {
            return List.of("Failed", "Rejected", "Shutdown", "Orphaned").contains(state);
        }
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private String run(Duration limit, Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("docker", "--host", endpoint));
        command.addAll(List.of(args));
        String shown = "docker --host " + endpoint + " " + String.join(" ", args);
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().remove("DOCKER_CONTEXT"); // --host and a context together are refused
        pb.environment().remove("DOCKER_HOST");
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw PghaException.unavailable(
                    "cannot run the docker CLI (" + e.getMessage() + "); pgha up --swarm needs it on the PATH", e);
        }
        try {
            byte[][] streams = new byte[2][];
            Thread readOut = Thread.ofPlatform().daemon().start(() -> streams[0] = readAll(p.getInputStream()));
            Thread readErr = Thread.ofPlatform().daemon().start(() -> streams[1] = readAll(p.getErrorStream()));
            if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw PghaException.timeout(shown + " did not answer within " + limit.toSeconds()
                        + " s: is the Swarm manager at " + endpoint + " cut off from the other managers?");
            }
            readOut.join(Duration.ofSeconds(5));
            readErr.join(Duration.ofSeconds(5));
            String stdout = text(streams[0]);
            String stderr = text(streams[1]).strip();
            if (p.exitValue() != 0) {
                throw PghaException.unavailable(
                        shown + " failed: " + (stderr.isEmpty() ? "exit " + p.exitValue() : stderr));
            }
            return stdout;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw PghaException.unavailable(shown + " was interrupted", e);
        }
    }

    private static byte[] readAll(java.io.InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}
