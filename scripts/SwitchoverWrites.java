// For scripts/bench-hosts.sh (issue 20's benchmark): the write outage of `pgha switchover --cluster NAME --yes`,
// measured as `pgha drill switchover` measures it — the drill's own writers (ha-runtime's WriteLoad: 2 writers through
// the cluster's router as its superuser, a short connect timeout, a new connection after any error, a row every
// 20-50 ms), the outage being the longest gap between two acknowledged writes that ends after the switchover started,
// and acknowledged rows missing from the new primary afterwards counted as lost. It works wherever `pgha switchover`
// works, on one engine or on a Swarm (the drill's runner drives containers on the local engine, ADR 45). Before each
// run it waits, as the drill does, for one leader, every replica streaming on its timeline and, in quorum mode, in the
// synchronous set (read from `pgha status --json`). Every wait is bounded; the CLI's output is kept with its offset
// from the start of the switchover, to show where the time goes.
//   java -cp "pgha-cli/target/pgha-cli-VERSION.jar:pgha-cli/target/lib/*" scripts/SwitchoverWrites.java \
//        CLUSTER RUNS PGHA CA_FILE  > result.json      (PGHA_CONFIG_DIR as for pgha; progress on stderr)
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.drill.DrillRunner;
import io.pgha.runtime.monitor.ClusterMonitor;
import io.pgha.runtime.monitor.ClusterMonitors;
import io.pgha.runtime.ops.ClusterOperations;
import io.pgha.runtime.ops.OperationRequest;
import io.pgha.runtime.ops.OperationResult;
import io.pgha.runtime.postgres.WriteLoad;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

public class SwitchoverWrites {

    static final ObjectMapper JSON = new ObjectMapper();
    static String cluster;
    static String pgha;

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: SwitchoverWrites CLUSTER RUNS PGHA CA_FILE");
            System.exit(2);
        }
        cluster = args[0];
        int runs = Integer.parseInt(args[1]);
        pgha = args[2];
        String ca = args[3];
        ClusterConnection.RouterEndpoints router = new ClusterRegistry()
                .get(cluster)
                .router()
                .orElseThrow(() -> new IllegalStateException("pgha knows no router of " + cluster));
        StackCredentials.Login su = new CredentialStore().get(cluster).superuser();
        ObjectNode doc = JSON.createObjectNode();
        doc.put("cluster", cluster);
        doc.put("router", router.host() + ":" + router.writePort());
        ArrayNode results = doc.putArray("runs");
        for (int i = 1; i <= runs; i++) {
            say("run " + i + "/" + runs + ": waiting for a healthy cluster (as the drill: every replica streaming, "
                    + "in quorum mode in the synchronous set)");
            if (!waitUntil(Duration.ofSeconds(180), SwitchoverWrites::ready)) {
                results.addObject().put("note", "the cluster was not ready for a switchover within 180 s");
                continue;
            }
            results.add(one(router, su, ca, i));
        }
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
    }

    static ObjectNode one(ClusterConnection.RouterEndpoints router, StackCredentials.Login su, String ca, int i)
            throws Exception {
        ObjectNode r = JSON.createObjectNode();
        List<String> notes = new ArrayList<>();
        String run = "bench-switchover-" + System.currentTimeMillis();
        try (WriteLoad writes = new WriteLoad(
                router.host(), router.writePort(), su.user(), su.password(), run, 2, Optional.of(ca))) {
            writes.prepare(Duration.ofSeconds(30));
            writes.start();
            if (!waitUntil(Duration.ofSeconds(30), () -> writes.acks().size() >= 20)) {
                throw new IllegalStateException("no writes flow through " + router.host() + ":" + router.writePort());
            }
            List<WriteLoad.Ack> before = writes.acks();
            String oldAddress = before.get(before.size() - 1).serverAddress();
            say("run " + i + ": pgha switchover --cluster " + cluster + " --yes (writes acknowledged by " + oldAddress
                    + ")");
            Instant startedAt = Instant.now();
            long faultNanos = System.nanoTime();
            ArrayNode output = r.putArray("cliOutput");
            // a switchover the CLI refused before sending anything is tried again, at most twice, then done in this
            // process by the same use case `pgha switchover --yes` runs (ClusterOperations.perform(Switchover)), with
            // a monitor that is given the time to see the members: on a loaded machine the CLI's monitor settles
            // (2 x its source timeout + 0.5 s) before any source answered and the CLI refuses ("pgha cannot see the
            // cluster's members right now"). Nothing happened to the writers meanwhile.
            int exit = -1;
            int attempt = 0;
            long cliNanos = 0;
            long switchNanos = faultNanos;
            r.put("via", "pgha switchover --cluster " + cluster + " --yes");
            while (attempt < 3) {
                if (attempt == 2) {
                    attempt++;
                    switchNanos = System.nanoTime();
                    r.put("via", "ClusterOperations.perform(Switchover) in this process, after 2 refusals of the CLI");
                    exit = inProcess(output, faultNanos, notes);
                    cliNanos = System.nanoTime() - switchNanos;
                    break;
                }
                attempt++;
                long attemptNanos = System.nanoTime();
                switchNanos = attemptNanos;
                Process p = new ProcessBuilder(pgha, "switchover", "--cluster", cluster, "--yes")
                        .redirectErrorStream(true)
                        .start();
                StringBuilder text = new StringBuilder();
                Thread reader = Thread.ofPlatform().daemon().start(() -> {
                    try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = in.readLine()) != null; ) {
                            String stamped =
                                    String.format("+%.2f s  %s", (System.nanoTime() - faultNanos) / 1e9, line);
                            synchronized (output) {
                                output.add(stamped);
                                text.append(line).append('\n');
                            }
                            System.err.println("    " + stamped);
                        }
                    } catch (java.io.IOException e) {
                        // the process ended
                    }
                });
                boolean ended = p.waitFor(120, TimeUnit.SECONDS);
                cliNanos = System.nanoTime() - attemptNanos;
                if (!ended) {
                    p.destroyForcibly();
                    notes.add("pgha switchover had not ended after 120 s and was killed");
                }
                reader.join(5000);
                exit = ended ? p.exitValue() : -1;
                boolean nothingSent;
                synchronized (output) {
                    nothingSent = text.toString().contains("nothing was sent");
                }
                if (exit == 0 || !nothingSent) {
                    break;
                }
                notes.add("attempt " + attempt + " refused, nothing sent: tried again");
                Thread.sleep(2000); // a pause before trying again, not synchronisation
            }
            long startOfSwitch = switchNanos;
            r.put("cliExit", exit);
            r.put("cliAttempts", attempt);
            r.put("cliSeconds", Math.round(cliNanos / 1e7) / 100.0);
            if (exit != 0) {
                notes.add("pgha switchover failed (exit " + exit + "): no outage to measure");
            } else if (!waitUntil(Duration.ofSeconds(60), () -> writes.acks().stream()
                    .anyMatch(a -> a.atNanos() > faultNanos && !a.serverAddress().equals(oldAddress)))) {
                notes.add("no other server acknowledged a write within 60 s");
            }
            // like the drill: the whole cluster streaming again, then writes acknowledged after that
            if (!waitUntil(Duration.ofSeconds(150), SwitchoverWrites::ready)) {
                notes.add("the cluster was not fully streaming 150 s after the switchover");
            }
            long settled = System.nanoTime();
            if (!waitUntil(Duration.ofSeconds(30), () -> writes.acks().stream().anyMatch(a -> a.atNanos() > settled))) {
                notes.add("no write acknowledged after the cluster settled");
            }
            writes.close();
            List<WriteLoad.Ack> acks = writes.acks();
            Set<Long> stored = writes.storedIds(Duration.ofSeconds(30));
            long lost = acks.stream().filter(a -> !stored.contains(a.id())).count();
            Optional<WriteLoad.Ack> flip = acks.stream()
                    .filter(a -> a.atNanos() > faultNanos && !a.serverAddress().equals(oldAddress))
                    .findFirst();
            long oldAfterFlip = flip.map(f -> acks.stream()
                            .filter(a -> a.atNanos() > f.atNanos() && a.serverAddress().equals(oldAddress))
                            .count())
                    .orElse(0L);
            r.put("startedAt", startedAt.toString());
            r.put("oldPrimaryAddress", oldAddress);
            flip.ifPresent(f -> {
                r.put("newPrimaryAddress", f.serverAddress());
                // from the start of the attempt that went through
                r.put("newPrimaryAckAfter", Duration.ofNanos(f.atNanos() - startOfSwitch).toString());
            });
            if (exit == 0) { // a refused or failed switchover is no run
                r.put("writeOutage", DrillRunner.longestGap(acks, faultNanos).toString());
            }
            r.put("acknowledgedWrites", acks.size());
            r.put("lostWrites", lost);
            r.put("oldPrimaryAcksAfterNewPrimary", oldAfterFlip);
            ArrayNode n = r.putArray("notes");
            notes.forEach(n::add);
            say("run " + i + ": outage " + r.path("writeOutage").asText("none") + ", " + acks.size() + " acknowledged, "
                    + lost + " lost, the CLI took " + r.path("cliSeconds").asText() + " s" + (notes.isEmpty() ? "" : ", " + notes));
        }
        return r;
    }

    /** The switchover `pgha switchover --yes` performs, in this process; 0 when it succeeded. */
    static int inProcess(ArrayNode output, long faultNanos, List<String> notes) throws InterruptedException {
        ClusterConnection c = new ClusterRegistry().get(cluster);
        try (ClusterMonitor m = ClusterMonitors.start(
                c,
                ClusterMonitors.settingsFor(c)
                        .withJournal(Optional.empty())
                        .withPollInterval(Duration.ofSeconds(1)))) {
            if (!waitUntil(Duration.ofSeconds(60), () -> m.current().members().size() == 3
                    && m.current().leader().isPresent())) {
                notes.add("the in-process monitor saw no leader and 3 members within 60 s");
                return -1;
            }
            OperationResult res = ClusterOperations.create(m)
                    .perform(new OperationRequest.Switchover(
                                    Optional.empty(), Optional.empty(), Optional.empty(), false)
                            .confirm());
            String line = String.format(
                    "+%.2f s  (in process) %s: %s, %s (%.2f s) %s",
                    (System.nanoTime() - faultNanos) / 1e9,
                    res.operation(),
                    res.outcome(),
                    res.message(),
                    res.took().toMillis() / 1000.0,
                    res.notes());
            output.add(line);
            System.err.println("    " + line);
            return res.ok() ? 0 : 1;
        }
    }

    /** The drill's readiness (DrillPatroni.readyForFailover), read from `pgha status --json`. */
    static boolean ready() {
        try {
            Process p = new ProcessBuilder(pgha, "status", cluster, "--json", "--timeout", "20s")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(40, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            JsonNode s = JSON.readTree(out);
            JsonNode members = s.path("members");
            List<JsonNode> leaders = new ArrayList<>();
            List<JsonNode> replicas = new ArrayList<>();
            members.forEach(m -> ("leader".equals(m.path("role").asText()) ? leaders : replicas).add(m));
            if (members.size() != 3 || leaders.size() != 1 || !"running".equals(leaders.get(0).path("state").asText())) {
                return false;
            }
            long timeline = leaders.get(0).path("timeline").asLong(-1);
            if (!replicas.stream().allMatch(m -> "streaming".equals(m.path("state").asText())
                    && m.path("timeline").asLong(-2) == timeline)) {
                return false;
            }
            return switch (s.path("sync").path("mode").asText("off")) {
                case "quorum" -> replicas.stream().allMatch(m -> "quorum_standby".equals(m.path("role").asText()));
                case "on" -> replicas.stream().anyMatch(m -> "sync_standby".equals(m.path("role").asText()));
                default -> true;
            };
        } catch (Exception e) {
            return false;
        }
    }

    /** Polls {@code condition} every 500 ms until it holds or {@code limit} has passed. */
    static boolean waitUntil(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(500); // polling period of a bounded wait
        }
        return condition.getAsBoolean();
    }

    static void say(String line) {
        System.err.println("[switchover-writes] " + line);
    }
}
