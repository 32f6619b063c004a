package io.pgha.runtime.provision;

import io.pgha.runtime.stack.StackSecurity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a CA rotation reloads HAProxy without sending new connections to the wrong node. A reloaded HAProxy starts a new
 * process that, by default, counts every server up until its first check: for a check or two a new connection to the
 * write port could reach a replica. So, before {@code kill -USR2}, the servers' states are dumped over the runtime API
 * ({@code show servers state}) into the file haproxy.cfg names ({@code server-state-file}), which the new process
 * reads at its start: the leader alone is up in {@code primary}. The dump's check results are cleared on the way
 * ({@code srv_check_status} INI, {@code srv_check_result} unknown), so that the new process's own first check of each
 * server is visible: the rotation goes on once the new process answers the runtime API and has checked every server,
 * each of them passing in one of the backends (its check verified the node's certificate against the new CA file).
 *
 * <p>The runtime API is a unix socket inside the router's container; it is spoken to with the image's python3 (the
 * local image has it, through Patroni's packages), one command per connection.
 */
public final class RouterReload {

    /** HAProxy's check results (enum chk_result). */
    public static final int RESULT_UNKNOWN = 0;

    public static final int RESULT_PASSED = 3;

    /** HAProxy's check status INI (enum healthcheck_status): not checked yet. */
    public static final int STATUS_INI = 1;

    /** HAProxy's operational state RUNNING (enum srv_state). */
    public static final int RUNNING = 2;

    private static final String ASK = """
            import socket, sys
            s = socket.socket(socket.AF_UNIX)
            s.settimeout(5)
            s.connect(sys.argv[1])
            s.sendall((sys.argv[2] + "\\n").encode())
            out = b""
            while True:
                data = s.recv(65536)
                if not data:
                    break
                out += data
            sys.stdout.write(out.decode())
            """;

    /** One server of one backend, as {@code show servers state} lists it. */
    public record Server(String backend, String name, int opState, int checkStatus, int checkResult) {
        public boolean up() {
            return opState == RUNNING;
        }
    }

    private RouterReload() {}

    /** The command (exec form, in the router's container) that sends one runtime API command and prints its answer. */
    public static List<String> ask(String command) {
        return List.of("python3", "-c", ASK, StackSecurity.ROUTER_SOCKET, command);
    }

    /** The command that writes the state file for the next start (the text is an argument: no shell parses it). */
    public static List<String> writeStateFile(String text) {
        return List.of("sh", "-c", "printf '%s' \"$1\" > \"$2\"", "sh", text, StackSecurity.ROUTER_STATE_FILE);
    }

    public static List<String> removeStateFile() {
        return List.of("rm", "-f", StackSecurity.ROUTER_STATE_FILE);
    }

    /** The process id in an answer to {@code show info}. */
    public static Optional<String> pid(String showInfo) {
        return showInfo.lines()
                .filter(l -> l.startsWith("Pid:"))
                .map(l -> l.substring(4).strip())
                .filter(p -> !p.isEmpty())
                .findFirst();
    }

    /** The servers of an answer to {@code show servers state} (format version 1). */
    public static List<Server> parse(String dump) {
        List<Server> servers = new ArrayList<>();
        for (String line : dump.lines().toList()) {
            String[] f = line.strip().split("\\s+");
            if (line.isBlank() || line.startsWith("#") || f.length < 12) {
                continue;
            }
            try {
                servers.add(new Server(
                        f[1], f[3], Integer.parseInt(f[5]), Integer.parseInt(f[10]), Integer.parseInt(f[11])));
            } catch (NumberFormatException e) {
                // not a server line
            }
        }
        return servers;
    }

    /**
     * The state file for the next start: the dump as it is (operational and administrative states, weights, addresses),
     * with every server's check status INI and result unknown, so that the new process's own checks show.
     */
    public static String forReload(String dump) {
        StringBuilder out = new StringBuilder();
        for (String line : dump.lines().toList()) {
            String[] f = line.strip().split("\\s+");
            if (!line.isBlank() && !line.startsWith("#") && f.length >= 12 && isNumber(f[10]) && isNumber(f[11])) {
                f[10] = String.valueOf(STATUS_INI);
                f[11] = String.valueOf(RESULT_UNKNOWN);
                line = String.join(" ", f);
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    /**
     * What the new process still has to do before a rotation goes on (empty: nothing): check every server of every
     * backend once, every node passing in one backend, a server up in {@code primary}.
     */
    public static Optional<String> pending(List<Server> servers) {
        if (servers.isEmpty()) {
            return Optional.of("HAProxy lists no server");
        }
        List<String> unchecked = servers.stream()
                .filter(s -> s.checkResult() == RESULT_UNKNOWN)
                .map(s -> s.backend() + "/" + s.name())
                .toList();
        if (!unchecked.isEmpty()) {
            return Optional.of("not checked yet: " + String.join(", ", unchecked));
        }
        Map<String, Boolean> passed = new LinkedHashMap<>();
        for (Server s : servers) {
            passed.merge(s.name(), s.checkResult() == RESULT_PASSED, Boolean::logicalOr);
        }
        List<String> failing = passed.entrySet().stream()
                .filter(e -> !e.getValue())
                .map(Map.Entry::getKey)
                .toList();
        if (!failing.isEmpty()) {
            return Optional.of("no check passes for " + String.join(", ", failing)
                    + " (its certificate does not verify against the CA file, or the node is unhealthy)");
        }
        if (servers.stream().noneMatch(s -> s.backend().equals("primary") && s.up())) {
            return Optional.of("no server is up in primary");
        }
        return Optional.empty();
    }

    /** "pg-0 in primary; pg-1, pg-2 in replicas": where each server is up. */
    public static String describe(List<Server> servers) {
        Map<String, Set<String>> up = new LinkedHashMap<>();
        for (Server s : servers) {
            if (s.up()) {
                up.computeIfAbsent(s.backend(), b -> new LinkedHashSet<>()).add(s.name());
            }
        }
        List<String> parts = new ArrayList<>();
        up.forEach((backend, names) -> parts.add(String.join(", ", names) + " up in " + backend));
        return parts.isEmpty() ? "no server up" : String.join("; ", parts);
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}
