package io.pgha.runtime.testhosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgha.runtime.json.Json;
import io.pgha.runtime.testsupport.Cli;
import io.pgha.runtime.testsupport.Commands;
import io.pgha.runtime.testsupport.NumberedWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * A whole test host lost under writers, on the Swarm-placed cluster of {@link SwarmStackDeploy} (issue 20): the
 * primary's host killed and started again by {@code pgha drill host-down} (docs/decisions/0045), then the new primary's
 * host cut off from the others but alive ({@code docker network disconnect}) and reconnected.
 * Writers write numbered rows through a surviving host's router (5000, host mode); a prober asks each node, inside its
 * container over the local socket through its own host's engine (which answers while the host is cut off), whether it
 * accepts writes. Asserted: a new leader on another host, every acknowledged write readable afterwards, no two nodes
 * writable at once, and the lost host's node streaming again on the new timeline. Fencing is Patroni's: the supervisor
 * of the stack is not asked to act, and its log over the faults is printed (docs/decisions/0042).
 */
final class HostFaults {

    private static final String STACK = SwarmStackDeploy.STACK;
    private static final Duration NEW_LEADER = Duration.ofSeconds(60);
    private static final Duration REJOIN = Duration.ofSeconds(180);

    private final String prefix;
    private final IntFunction<String> endpoint;
    private final IntFunction<String> address;
    private final String password;

    private HostFaults(String prefix, IntFunction<String> endpoint, IntFunction<String> address, String password) {
        this.prefix = prefix;
        this.endpoint = endpoint;
        this.address = address;
        this.password = password;
    }

    /**
     * @param prefix   the test hosts' prefix: host i is the container {@code PREFIX-i} on the network {@code PREFIX-net}
     * @param endpoint the Docker endpoint of host i (1..3)
     * @param address  host i's fixed address on the hosts' network
     * @param password the stack's superuser password (pgha credentials)
     */
    static void primarysHostDownThenPartitioned(
            String prefix, IntFunction<String> endpoint, IntFunction<String> address, String password)
            throws Exception {
        HostFaults faults = new HostFaults(prefix, endpoint, address, password);
        int primary = faults.primaryHost(1);
        int next = faults.hostDown(primary);
        faults.hostPartition(next);
    }

    /**
     * {@code pgha drill host-down --runs 1 --json}: the primary's host killed under writers through a surviving host's
     * router and started again, by the drill (docs/decisions/0045); its JSON counters asserted. Returns the host of the
     * new primary.
     */
    private int hostDown(int down) throws Exception {
        long faultMillis = System.currentTimeMillis();
        long started = System.nanoTime();
        Cli.Result drill = Cli.run("drill", "host-down", "--runs", "1", "--json", "-c", STACK);
        System.out.printf(
                "pgha drill host-down: %.1f s, exit %d%n%s%s",
                (System.nanoTime() - started) / 1e9, drill.exitCode(), drill.stderr(), drill.stdout());
        printSupervisorLog("host-down", faultMillis);
        assertThat(drill.exitCode()).as(drill.describe()).isZero();
        JsonNode run = Json.mapper().readTree(drill.stdout()).path("runs").path(0);
        assertThat(run.path("host").asText()).as("the primary's host, faulted").isEqualTo(prefix + "-" + down);
        assertThat(run.path("oldLeader").asText()).isEqualTo(member(down));
        assertThat(run.path("acknowledgedWrites").asLong())
                .as("writes acknowledged")
                .isPositive();
        assertThat(run.path("lostWrites").asLong())
                .as("acknowledged writes lost")
                .isZero();
        assertThat(run.path("splitBrainSamples").asLong())
                .as("moments with two writable nodes")
                .isZero();
        assertThat(run.path("oldLeaderWritableAgain").asBoolean())
                .as("the returned host's node accepted writes again")
                .isFalse();
        String newHost = run.path("newLeaderHost").asText();
        assertThat(newHost).as("the new leader's host").startsWith(prefix + "-").isNotEqualTo(prefix + "-" + down);
        assertThat(run.path("newLeaderAfter").isNull())
                .as("a node on another host took writes")
                .isFalse();
        assertThat(run.path("healedAfter").isNull())
                .as(member(down) + " streaming again after its host came back")
                .isFalse();
        assertThat(run.path("passed").asBoolean())
                .as("%s", run.path("failures"))
                .isTrue();
        int leader = Integer.parseInt(newHost.substring(prefix.length() + 1));
        assertThat(hostOf(run.path("newLeader").asText())).isEqualTo(leader);
        return leader;
    }

    /** Cuts the primary's host off from the others under writers, reconnects it. */
    /** The writer's acknowledged ids that the cluster does not have, read through host {@code via}'s router. */
    private List<Long> lost(NumberedWriter writer, int via) throws Exception {
        Set<Long> present;
        try (Connection c = connect(via)) {
            present = writer.present(c);
        }
        List<Long> lost = new ArrayList<>(writer.ids);
        lost.removeAll(present);
        return lost;
    }

    private void hostPartition(int cut) throws Exception {
        assertThat(primaryHost(otherThan(cut))).as("the primary's host").isEqualTo(cut);
        int via = otherThan(cut);
        String old = member(cut);
        try (RoleProbe probe = new RoleProbe(endpoint);
                NumberedWriter writer = new NumberedWriter("partition_writes", () -> connect(via))) {
            writer.awaitFirst();
            probe.awaitEverySeen();
            long fault = System.nanoTime();
            long faultMillis = System.currentTimeMillis();
            Commands.runOk(Duration.ofSeconds(30), "docker", "network", "disconnect", network(), testHost(cut));
            long healed;
            long rejoined;
            RoleProbe.Sample first;
            RoleProbe.Sample demoted;
            try {
                first = await("a node on another host accepts writes")
                        .atMost(NEW_LEADER)
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> probe.firstWritableOtherThan(cut, faultMillis), Optional::isPresent)
                        .orElseThrow();
                demoted = probe.firstNotWritable(cut, faultMillis)
                        .orElseThrow(() -> new AssertionError("the isolated primary on host " + cut
                                + " was never seen refusing writes: " + probe.writableIntervals()));
            } finally {
                healed = System.nanoTime();
                Commands.runOk(
                        Duration.ofSeconds(30),
                        "docker",
                        "network",
                        "connect",
                        "--ip",
                        address.apply(cut),
                        network(),
                        testHost(cut));
            }
            int leader = first.host();
            await(old + " streaming again after the heal")
                    .atMost(REJOIN)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> rejoined(leader, cut));
            rejoined = System.nanoTime();
            await("writes acknowledged after the heal")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> writer.acknowledged.stream().anyMatch(t -> t > rejoined));
            writer.stop();
            long end = System.nanoTime();

            List<Long> lost = lost(writer, via);
            long splits = probe.splitBrainOverlaps();
            System.out.printf(
                    "host-partition of host %d (%s, primary): it refused writes %.1f s after the cut, new leader %s on"
                            + " host %d %.1f s after the cut; write outage %.1f s; %d writes acknowledged, %d lost;"
                            + " split-brain overlaps %d; healed after %.1f s, %s streaming %.1f s after the heal"
                            + " (%d samples)%n",
                    cut,
                    old,
                    (demoted.epochMillis() - faultMillis) / 1e3,
                    member(leader),
                    leader,
                    (first.epochMillis() - faultMillis) / 1e3,
                    writer.longestGap(fault, end).toMillis() / 1e3,
                    writer.ids.size(),
                    lost.size(),
                    splits,
                    (healed - fault) / 1e9,
                    old,
                    (rejoined - healed) / 1e9,
                    probe.size());
            printRejoin(probe, leader, cut, healed, rejoined);
            printSupervisorLog("host-partition", faultMillis);
            assertThat(leader).isNotEqualTo(cut);
            assertThat(demoted.epochMillis())
                    .as("the isolated primary stopped accepting writes before another node did")
                    .isLessThan(first.epochMillis());
            assertThat(lost).as("acknowledged writes lost").isEmpty();
            assertThat(splits)
                    .as("moments with two writable nodes: %s", probe.writableIntervals())
                    .isZero();
        }
    }

    /**
     * Whether host {@code host}'s members are back for good: Swarm's current tasks of its node and etcd member placed
     * there and started (a host that was Down gets new tasks when it returns: the ones that kept running through a
     * partition are replaced after the heal), and the node's own Patroni, asked in the one running container,
     * streaming on the leader's timeline ({@code asker}'s Patroni names the leader).
     */
    private boolean rejoined(int asker, int host) {
        for (String service : List.of(member(host), "etcd-" + host)) {
            Commands.Result ps = run(
                    Duration.ofSeconds(20),
                    "docker",
                    "-H",
                    endpoint.apply(asker),
                    "service",
                    "ps",
                    "--filter",
                    "desired-state=running",
                    "--format",
                    "{{.Node}} {{.CurrentState}}",
                    STACK + "_" + service);
            List<String> tasks = ps.stdout()
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty())
                    .toList();
            if (!ps.ok()
                    || tasks.isEmpty()
                    || !tasks.stream()
                            .allMatch(t -> t.startsWith(prefix + "-" + host + " Running")
                                    || t.startsWith(prefix + "-" + host + " Starting"))) {
                return false;
            }
        }
        String leaderTimeline = null;
        JsonNode members = patroniMembers(asker);
        for (JsonNode m : members == null ? List.<JsonNode>of() : members) {
            if (m.path("Role").asText().equals("Leader")) {
                leaderTimeline = m.path("TL").asText();
            }
        }
        String id = RoleProbe.container(endpoint.apply(host), host);
        if (leaderTimeline == null || id.isEmpty()) {
            return false;
        }
        Commands.Result own = run(
                Duration.ofSeconds(20),
                "docker",
                "-H",
                endpoint.apply(host),
                "exec",
                id,
                "curl",
                "-fsS",
                "-m",
                "3",
                "--cacert",
                "/run/pgha/tls/ca.crt",
                "https://127.0.0.1:8008/patroni");
        if (!own.ok()) {
            return false;
        }
        try {
            JsonNode me = Json.mapper().readTree(own.stdout());
            return me.path("role").asText().equals("replica")
                    && me.path("replication_state").asText().equals("streaming")
                    && me.path("timeline").asText().equals(leaderTimeline);
        } catch (Exception e) {
            return false;
        }
    }

    /** The host whose node Patroni (asked on host {@code via}'s node) lists as the leader. */
    private int primaryHost(int via) {
        JsonNode members = await("patronictl list on host " + via)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> patroniMembers(via), m -> m != null);
        for (JsonNode m : members) {
            if (m.path("Role").asText().equals("Leader")) {
                return hostOf(m.path("Member").asText());
            }
        }
        throw new AssertionError("no leader in " + members);
    }

    private JsonNode patroniMembers(int via) {
        String id = RoleProbe.container(endpoint.apply(via), via);
        if (id.isEmpty()) {
            return null;
        }
        Commands.Result r = run(
                Duration.ofSeconds(20),
                "docker",
                "-H",
                endpoint.apply(via),
                "exec",
                id,
                "patronictl",
                "list",
                "-f",
                "json");
        if (!r.ok()) {
            return null;
        }
        try {
            return Json.mapper().readTree(r.stdout());
        } catch (Exception e) {
            return null;
        }
    }

    /** Where a rejoin's time goes: PostgreSQL answering again on the host, and Swarm's tasks of its members. */
    private void printRejoin(RoleProbe probe, int asker, int host, long backNanos, long rejoinedNanos) {
        long backMillis = System.currentTimeMillis() - (System.nanoTime() - backNanos) / 1_000_000;
        Optional<RoleProbe.Sample> answering = probe.firstReadOnly(host, backMillis);
        System.out.printf(
                "  host %d back: its PostgreSQL answering (read-only) after %s, streaming after %.1f s%n",
                host,
                answering
                        .map(s -> String.format("%.1f s", (s.epochMillis() - backMillis) / 1e3))
                        .orElse("(not seen)"),
                (rejoinedNanos - backNanos) / 1e9);
        for (String service : List.of(member(host), "etcd-" + host)) {
            Commands.Result ps = run(
                    Duration.ofSeconds(20),
                    "docker",
                    "-H",
                    endpoint.apply(asker),
                    "service",
                    "ps",
                    "--format",
                    "{{.Name}} {{.Node}} desired={{.DesiredState}} {{.CurrentState}} {{.Error}}",
                    STACK + "_" + service);
            ps.stdout().lines().forEach(l -> System.out.println("  swarm| " + l));
        }
    }

    /** The stack's supervisor (pinned to host 1) on these faults: what it saw and did, from its log. */
    private void printSupervisorLog(String fault, long sinceMillis) {
        String ep = endpoint.apply(1);
        Commands.Result ids = run(
                Duration.ofSeconds(20),
                "docker",
                "-H",
                ep,
                "ps",
                "-a",
                "-q",
                "--filter",
                "label=com.docker.swarm.service.name=" + STACK + "_pg-supervisor");
        for (String id : ids.stdout().strip().split("\\s+")) {
            if (id.isBlank()) {
                continue;
            }
            Commands.Result log = run(
                    Duration.ofSeconds(20),
                    "docker",
                    "-H",
                    ep,
                    "logs",
                    "--since",
                    String.valueOf(sinceMillis / 1000 - 1),
                    id);
            List<String> lines = (log.stdout() + log.stderr()).lines().toList();
            System.out.printf("supervisor %s during %s (%d lines, the last 25):%n", id, fault, lines.size());
            lines.subList(Math.max(0, lines.size() - 25), lines.size())
                    .forEach(l -> System.out.println("  supervisor| " + l));
        }
    }

    /** A command that may hang (a manager's while a host is cut off or coming back): a timeout is a failed result. */
    private static Commands.Result run(Duration timeout, String... command) {
        try {
            return Commands.run(timeout, command);
        } catch (AssertionError timedOut) {
            return new Commands.Result(List.of(command), -1, "", String.valueOf(timedOut.getMessage()));
        }
    }

    private Connection connect(int host) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", password);
        p.setProperty("connectTimeout", "3");
        p.setProperty("socketTimeout", "10");
        p.setProperty("loginTimeout", "5");
        p.setProperty("sslmode", "require");
        return DriverManager.getConnection("jdbc:postgresql://" + address.apply(host) + ":5000/postgres", p);
    }

    private String testHost(int host) {
        return prefix + "-" + host;
    }

    private String network() {
        return prefix + "-net";
    }

    /** pg-(i-1) is pinned to host i (SwarmStackDeploy's --hosts order). */
    static String member(int host) {
        return "pg-" + (host - 1);
    }

    static int hostOf(String member) {
        return Integer.parseInt(member.substring("pg-".length())) + 1;
    }

    private static int otherThan(int host) {
        return host == 1 ? 2 : 1;
    }

    private static org.awaitility.core.ConditionFactory await(String what) {
        return org.awaitility.Awaitility.await(what);
    }
}
