package io.pgha.runtime.testsupport;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The committed stack (stack/docker-compose.yml) on the local images, driven the way a user drives it. */
public final class ComposeStack {

    public static final List<String> PG_NODES = List.of("pg-0", "pg-1", "pg-2");
    public static final List<String> ETCD_MEMBERS = List.of("etcd-1", "etcd-2", "etcd-3");
    /** etcd's client ports as the committed stack publishes them on the host. */
    public static final List<String> ETCD_ENDPOINTS =
            List.of("http://127.0.0.1:23791", "http://127.0.0.1:23792", "http://127.0.0.1:23793");

    public static final String NETWORK = "pg-ha";
    public static final String ROUTER = "pg-router";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One row of `patronictl list -f json`. */
    public record PatroniRow(String member, String role, String state, Integer timeline) {
        public boolean isLeader() {
            return "Leader".equals(role);
        }

        public boolean isStreamingReplica() {
            return ("Replica".equals(role) || "Sync Standby".equals(role) || "Quorum Standby".equals(role))
                    && "streaming".equals(state);
        }
    }

    private ComposeStack() {}

    public static Commands.Result compose(Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                "docker",
                "compose",
                "--env-file",
                RepoPaths.localEnv().toString(),
                "-f",
                RepoPaths.composeFile().toString()));
        cmd.addAll(List.of(args));
        return Commands.run(timeout, cmd.toArray(String[]::new));
    }

    public static void composeOk(Duration timeout, String... args) {
        Commands.Result r = compose(timeout, args);
        if (!r.ok()) {
            throw new AssertionError("docker compose failed: " + r.describe());
        }
    }

    public static void up() {
        composeOk(Duration.ofMinutes(3), "up", "-d");
    }

    public static void down(boolean volumes) {
        if (volumes) {
            composeOk(Duration.ofMinutes(3), "down", "--volumes", "--remove-orphans");
        } else {
            composeOk(Duration.ofMinutes(3), "down");
        }
    }

    public static Commands.Result docker(String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        return Commands.run(Duration.ofSeconds(60), cmd.toArray(String[]::new));
    }

    public static void dockerOk(String... args) {
        Commands.Result r = docker(args);
        if (!r.ok()) {
            throw new AssertionError("docker failed: " + r.describe());
        }
    }

    public static boolean isRunning(String container) {
        Commands.Result r = docker("inspect", "-f", "{{.State.Running}}", container);
        return r.ok() && r.stdout().strip().equals("true");
    }

    public static String containerIp(String container) {
        Commands.Result r =
                docker("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}", container);
        return r.ok() ? r.stdout().strip() : "";
    }

    /** `patronictl list` run inside the first running node that answers. */
    public static List<PatroniRow> patronictlList() {
        for (String node : PG_NODES) {
            if (!isRunning(node)) {
                continue;
            }
            Commands.Result r;
            try {
                r = Commands.run(Duration.ofSeconds(20), "docker", "exec", node, "patronictl", "list", "-f", "json");
            } catch (AssertionError timedOut) {
                continue;
            }
            if (!r.ok()) {
                continue;
            }
            try {
                List<PatroniRow> rows = new ArrayList<>();
                for (JsonNode n : JSON.readTree(r.stdout())) {
                    rows.add(new PatroniRow(
                            n.path("Member").asText(),
                            n.path("Role").asText(),
                            n.path("State").asText(),
                            n.hasNonNull("TL") ? n.get("TL").asInt() : null));
                }
                return rows;
            } catch (Exception e) {
                continue;
            }
        }
        return List.of();
    }

    public static Optional<PatroniRow> leader() {
        return patronictlList().stream().filter(PatroniRow::isLeader).findFirst();
    }

    /** pg_is_in_recovery() asked inside the container over the local socket (works while it is cut off). */
    public static Optional<Boolean> inRecovery(String node) {
        Commands.Result r;
        try {
            r = Commands.run(
                    Duration.ofSeconds(10),
                    "docker",
                    "exec",
                    node,
                    "psql",
                    "-U",
                    "postgres",
                    "-h",
                    "/var/run/postgresql",
                    "-XAtc",
                    "SELECT pg_is_in_recovery()");
        } catch (AssertionError timedOut) {
            return Optional.empty(); // a busy machine: unknown this time, asked again on the next poll
        }
        if (!r.ok()) {
            return Optional.empty();
        }
        String out = r.stdout().strip();
        return out.equals("t") ? Optional.of(true) : out.equals("f") ? Optional.of(false) : Optional.empty();
    }

    /** One leader, every other node a streaming replica on its timeline, and a write through 5000 works. */
    public static boolean healthy() {
        List<PatroniRow> rows = patronictlList();
        Optional<PatroniRow> leader = rows.stream().filter(PatroniRow::isLeader).findFirst();
        if (rows.size() != PG_NODES.size() || leader.isEmpty()) {
            return false;
        }
        boolean replicasStreaming = rows.stream()
                .filter(r -> !r.isLeader())
                .allMatch(r -> r.isStreamingReplica()
                        && r.timeline() != null
                        && r.timeline().equals(leader.get().timeline()));
        if (!replicasStreaming) {
            return false;
        }
        try (Connection c = PgClient.connect(PgClient.WRITE_PORT)) {
            PgClient.execute(
                    c,
                    "CREATE TABLE IF NOT EXISTS pgha_probe (id bigserial PRIMARY KEY, at timestamptz DEFAULT now())");
            PgClient.execute(c, "INSERT INTO pgha_probe DEFAULT VALUES");
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    public static void awaitHealthy(Duration timeout) {
        await("stack healthy: one leader, replicas streaming, writable on 5000")
                .atMost(timeout)
                .pollInterval(Duration.ofSeconds(1))
                .until(ComposeStack::healthy);
    }

    /** Brings the stack back to full health whatever an earlier test did to it. */
    public static void restoreHealthy() {
        for (String c : ETCD_MEMBERS) {
            startIfStopped(c);
        }
        for (String c : PG_NODES) {
            reconnectIfDisconnected(c);
            startIfStopped(c);
        }
        up();
        awaitHealthy(Duration.ofMinutes(3));
    }

    private static void startIfStopped(String container) {
        Commands.Result state = docker("inspect", "-f", "{{.State.Status}}", container);
        if (state.ok() && state.stdout().strip().equals("paused")) {
            docker("unpause", container);
        } else if (state.ok() && !state.stdout().strip().equals("running")) {
            docker("start", container);
        }
    }

    private static void reconnectIfDisconnected(String container) {
        Commands.Result r =
                docker("inspect", "-f", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}", container);
        if (r.ok() && !r.stdout().contains(NETWORK)) {
            docker("network", "connect", NETWORK, container);
        }
    }
}
