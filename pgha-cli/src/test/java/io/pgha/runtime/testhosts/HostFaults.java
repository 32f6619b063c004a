package io.pgha.runtime.testhosts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgha.runtime.json.Json;
import io.pgha.runtime.testsupport.Cli;
import io.pgha.runtime.testsupport.Commands;
import java.time.Duration;
import java.util.List;

/**
 * A whole test host lost under writers, on the Swarm-placed cluster of {@link SwarmStackDeploy} (issue 20), through
 * the product's own drills (docs/decisions/0045): {@code pgha drill host-down} kills the primary's host and starts it
 * again, then {@code pgha drill host-partition} cuts the new primary's host off from the others and connects it again.
 * Each drill writes numbered rows through a surviving host's router and asks every node, through its own host's engine,
 * whether it accepts writes; its JSON is asserted: the primary's host faulted, a new leader on another host, every
 * acknowledged write readable afterwards, no two nodes writable at once, the old primary never writable again, for the
 * partition the isolated primary refusing writes before another node took them, and the host's member streaming again.
 * Fencing is Patroni's: the supervisor of the stack is not asked to act, and its log over the faults is printed
 * (docs/decisions/0042).
 */
final class HostFaults {

    private static final String STACK = SwarmStackDeploy.STACK;

    private final String prefix;
    private final String endpoint1;

    private HostFaults(String prefix, String endpoint1) {
        this.prefix = prefix;
        this.endpoint1 = endpoint1;
    }

    /**
     * @param prefix    the test hosts' prefix: host i is the container and Swarm node {@code PREFIX-i}
     * @param endpoint1 host 1's Docker endpoint (the supervisor is pinned there)
     */
    static void primarysHostDownThenPartitioned(String prefix, String endpoint1) throws Exception {
        HostFaults faults = new HostFaults(prefix, endpoint1);
        JsonNode down = faults.drill("host-down");
        JsonNode cut = faults.drill("host-partition");
        assertThat(cut.path("host").asText())
                .as("the partition hits the primary host-down left, on another host")
                .isEqualTo(down.path("newLeaderHost").asText());
        assertThat(cut.path("oldLeaderRefusedAfter").isNull())
                .as("the isolated primary seen refusing writes")
                .isFalse();
    }

    /** {@code pgha drill NAME --runs 1 --json -c pgha-sw}; its run's counters asserted; the run's JSON. */
    private JsonNode drill(String name) throws Exception {
        long faultMillis = System.currentTimeMillis();
        long started = System.nanoTime();
        Cli.Result drill = Cli.run("drill", name, "--runs", "1", "--json", "-c", STACK);
        System.out.printf(
                "pgha drill %s: %.1f s, exit %d%n%s%s",
                name, (System.nanoTime() - started) / 1e9, drill.exitCode(), drill.stderr(), drill.stdout());
        printSupervisorLog(name, faultMillis);
        assertThat(drill.exitCode()).as(drill.describe()).isZero();
        JsonNode run = Json.mapper().readTree(drill.stdout()).path("runs").path(0);
        String host = run.path("host").asText();
        assertThat(host).as("the primary's host, faulted").startsWith(prefix + "-");
        assertThat(hostOf(run.path("oldLeader").asText()))
                .as("the old primary runs on the faulted host")
                .isEqualTo(host);
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
        assertThat(newHost).as("the new leader's host").startsWith(prefix + "-").isNotEqualTo(host);
        assertThat(hostOf(run.path("newLeader").asText())).isEqualTo(newHost);
        assertThat(run.path("newLeaderAfter").isNull())
                .as("a node on another host took writes")
                .isFalse();
        assertThat(run.path("healedAfter").isNull())
                .as("the old primary streaming again after its host came back")
                .isFalse();
        assertThat(run.path("passed").asBoolean())
                .as("%s", run.path("failures"))
                .isTrue();
        return run;
    }

    /** The stack's supervisor (pinned to host 1) on these faults: what it saw and did, from its log. */
    private void printSupervisorLog(String fault, long sinceMillis) {
        Commands.Result ids = run(
                Duration.ofSeconds(20),
                "docker",
                "-H",
                endpoint1,
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
                    endpoint1,
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

    /** pg-(i-1) is pinned to host i (SwarmStackDeploy's --hosts order): the host of a member. */
    private String hostOf(String member) {
        return prefix + "-" + (Integer.parseInt(member.substring("pg-".length())) + 1);
    }
}
