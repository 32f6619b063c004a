package io.pgha.runtime.provision;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.provision.Poll.Seen;
import io.pgha.runtime.stack.StackLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Changes which PostgreSQL members HAProxy routes to, without a restart: the new haproxy.cfg copied in, the servers'
 * states dumped into the state file the new process reads ({@link RouterReload}), {@code kill -USR2 1}. A member that
 * joins is written into the state file down in every backend, at its address on the stack network, so that the new
 * process never counts it up before its own check (HAProxy would otherwise send new connections to the write port to a
 * replica for a check or two); a member that leaves is left out. Needs the runtime API on its unix socket (stacks with
 * logins, the default).
 */
final class RouterMembership {

    private static final Duration EXEC = Duration.ofSeconds(15);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String RESOLVE = "import socket, sys; print(socket.gethostbyname(sys.argv[1]))";

    private final DockerEngine docker;

    RouterMembership(DockerEngine docker) {
        this.docker = docker;
    }

    /** Reloads {@code router} with {@code config}; {@code joining} is written down, {@code leaving} left out. */
    String reload(String router, String config, Optional<String> joining, Optional<String> leaving) {
        String before = RouterReload.pid(exec(router, RouterReload.ask("show info"), "ask HAProxy its process"))
                .orElseThrow(() -> PghaException.unavailable("HAProxy in " + router + " does not tell its process id"));
        String dump = exec(router, RouterReload.ask("show servers state"), "ask HAProxy its servers' states");
        String state = RouterReload.forReload(dump);
        if (leaving.isPresent()) {
            state = without(state, leaving.get());
        }
        if (joining.isPresent()) {
            String address = exec(router, List.of("python3", "-c", RESOLVE, joining.get()), "resolve " + joining.get())
                    .strip();
            state = withDown(state, joining.get(), address);
        }
        docker.copyFile(router, StackLayout.HAPROXY_CONFIG_PATH, config.getBytes(StandardCharsets.UTF_8), 0644);
        exec(router, RouterReload.writeStateFile(state), "write HAProxy's server-state file");
        exec(router, List.of("sh", "-c", "kill -USR2 1"), "reload HAProxy");
        String described =
                Poll.until("HAProxy in " + router + " reloaded and every server checked", TIMEOUT, POLL, () -> {
                    Optional<String> now = RouterReload.pid(ask(router, "show info"));
                    if (now.isEmpty() || now.get().equals(before)) {
                        return Seen.notYet("its new process to start");
                    }
                    List<RouterReload.Server> servers = RouterReload.parse(ask(router, "show servers state"));
                    Optional<String> pending = RouterReload.pending(servers);
                    boolean joined = joining.isEmpty()
                            || servers.stream()
                                    .anyMatch(s -> s.name().equals(joining.get())
                                            && s.backend().equals("replicas")
                                            && s.up());
                    boolean left = leaving.isEmpty()
                            || servers.stream().noneMatch(s -> s.name().equals(leaving.get()));
                    if (pending.isPresent()) {
                        return Seen.notYet(pending.get());
                    }
                    return joined && left
                            ? Seen.done(RouterReload.describe(servers))
                            : Seen.notYet(RouterReload.describe(servers));
                });
        exec(router, RouterReload.removeStateFile(), "remove HAProxy's server-state file");
        return described;
    }

    /** The state file without the lines of server {@code name}. */
    static String without(String state, String name) {
        StringBuilder out = new StringBuilder();
        for (String line : state.lines().toList()) {
            String[] f = line.strip().split("\\s+");
            if (!line.startsWith("#") && f.length >= 12 && f[3].equals(name)) {
                continue;
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /**
     * The state file with server {@code name} added to every backend, down (operational state 0, health 0) at
     * {@code address}, its id the backend's next: a copy of the backend's last server line with those fields changed.
     */
    static String withDown(String state, String name, String address) {
        List<String> lines = new ArrayList<>(state.lines().toList());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            out.add(lines.get(i));
            String[] f = lines.get(i).strip().split("\\s+");
            if (lines.get(i).startsWith("#") || f.length < 18 || !isNumber(f[2])) {
                continue;
            }
            boolean lastOfBackend =
                    i + 1 == lines.size() || !lines.get(i + 1).strip().startsWith(f[0] + " " + f[1] + " ");
            if (lastOfBackend) {
                String[] n = f.clone();
                n[2] = String.valueOf(Integer.parseInt(f[2]) + 1);
                n[3] = name;
                n[4] = address;
                n[5] = "0";
                n[12] = "0";
                n[17] = name;
                out.add(String.join(" ", n));
            }
        }
        return String.join("\n", out) + "\n";
    }

    private String exec(String container, List<String> command, String what) {
        var r = docker.exec(container, command, EXEC);
        if (!r.ok()) {
            throw PghaException.unavailable("cannot " + what + " in " + container + " (exit " + r.exitCode() + "): "
                    + r.stderr().strip());
        }
        return r.stdout();
    }

    /** A runtime API answer, or "" while the socket changes hands between HAProxy's processes. */
    private String ask(String router, String command) {
        var r = docker.exec(router, RouterReload.ask(command), EXEC);
        return r.ok() ? r.stdout() : "";
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}
