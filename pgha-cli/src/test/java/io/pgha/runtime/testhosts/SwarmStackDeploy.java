package io.pgha.runtime.testhosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgha.runtime.json.Json;
import io.pgha.runtime.testsupport.Cli;
import io.pgha.runtime.testsupport.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * {@code pgha up --swarm} on the test hosts (docs/decisions/0028, 0043): each etcd member and PostgreSQL node on its
 * own host, a leader and two streaming replicas, a row written through one host's router read through another's, then
 * the stack a registered cluster for {@code pgha status}, {@code pgha credentials} and {@code pgha down}.
 */
final class SwarmStackDeploy {

    static final String STACK = "pgha-sw";
    private static final Duration HEALTHY = Duration.ofMinutes(3);

    private SwarmStackDeploy() {}

    /**
     * @param hostname the Swarm node name of host i (1..3)
     * @param endpoint the Docker endpoint of host i
     * @param address  host i's address on the hosts' network, where its published ports answer
     */
    static void deploysAHealthyClusterAcrossTheHosts(
            Path work, IntFunction<String> hostname, IntFunction<String> endpoint, IntFunction<String> address)
            throws Exception {
        Path spec = work.resolve("spec.yml");
        Files.createDirectories(work);
        // no Prometheus: its image is not on the test hosts
        Files.writeString(spec, "name: " + STACK + "\nimages: local\nmonitoring: {prometheus: false}\n");
        long started = System.nanoTime();
        String hosts = hostname.apply(1) + "," + hostname.apply(2) + "," + hostname.apply(3);
        Cli.Result up = Cli.runOk("up", "--swarm", endpoint.apply(1), "--spec", spec.toString(), "--hosts", hosts);
        System.out.printf("pgha up --swarm: %.1f s%n%s", (System.nanoTime() - started) / 1e9, up.stdout());
        assertThat(up.stdout())
                .as("up --swarm shows its steps as up does")
                .contains("Swarm manager and nodes", "docker stack deploy", "Leader", "Replicas streaming")
                .contains("Stack " + STACK + " is up on the Swarm in");

        for (int i = 1; i <= 3; i++) {
            int n = i;
            await().atMost(HEALTHY)
                    .pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(services(endpoint.apply(n)))
                            .as("host %d runs its own etcd member, PostgreSQL node and a router", n)
                            .contains("etcd-" + n, "pg-" + (n - 1), "pg-router")
                            .doesNotContain(otherMembers(n)));
        }
        await().atMost(HEALTHY).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            JsonNode members =
                    Json.mapper().readTree(exec(endpoint.apply(1), "pg-0", null, "patronictl", "list", "-f", "json"));
            List<String> roles = new ArrayList<>();
            members.forEach(
                    m -> roles.add(m.get("Role").asText() + "/" + m.get("State").asText()));
            assertThat(roles).hasSize(3).containsOnlyOnce("Leader/running");
            assertThat(roles.stream().filter(r -> r.endsWith("/streaming")))
                    .as("two replicas streaming: %s", roles)
                    .hasSize(2);
        });
        System.out.printf(
                "swarm stack: leader and 2 streaming replicas %.1f s after pgha up --swarm started%n",
                (System.nanoTime() - started) / 1e9);

        long again = System.nanoTime();
        assertThat(Cli.runOk("up", "--swarm", endpoint.apply(1), "--spec", spec.toString(), "--hosts", hosts)
                        .stdout())
                .as("up --swarm again on the running stack")
                .contains("Stack " + STACK + " is already up on the Swarm; nothing changed");
        System.out.printf("pgha up --swarm again: %.1f s%n", (System.nanoTime() - again) / 1e9);
        Path changed = work.resolve("changed.yml");
        Files.writeString(
                changed,
                "name: " + STACK
                        + "\nimages: local\nmonitoring: {prometheus: false}\npostgresql: {parameters: {work_mem: 8MB}}\n");
        Cli.Result drift = Cli.run("up", "--swarm", endpoint.apply(1), "--spec", changed.toString(), "--hosts", hosts);
        assertThat(drift.exitCode()).as(drift.describe()).isNotZero();
        assertThat(drift.stderr())
                .as("a changed spec on a running Swarm stack is named, not half-applied")
                .contains("already runs on the Swarm with a different spec")
                .contains("postgresql.parameters.work_mem: (none) -> 8MB")
                .contains("Nothing was changed");

        String password = superuserPassword();
        assertThat(password)
                .as("pgha credentials knows the Swarm stack's superuser")
                .isNotBlank();
        exec(
                endpoint.apply(2),
                "pg-1",
                password,
                "psql",
                uri(address.apply(1), 5000),
                "-Atc",
                "create table swarm_probe(host text); insert into swarm_probe values ('written through host 1')");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(exec(
                                endpoint.apply(3),
                                "pg-2",
                                password,
                                "psql",
                                uri(address.apply(3), 5001),
                                "-Atc",
                                "select host from swarm_probe"))
                        .as("read through host 3's router from a replica")
                        .contains("written through host 1"));
        assertThat(exec(
                        endpoint.apply(3),
                        "pg-2",
                        password,
                        "psql",
                        uri(address.apply(2), 5000),
                        "-Atc",
                        "select host from swarm_probe"))
                .as("read through host 2's router from the primary")
                .contains("written through host 1");
    }

    /** {@code pgha status -c pgha-sw}: the registered endpoints reach the hosts; a leader and two streaming. */
    static void statusShowsLeaderAndTwoStreaming() {
        long started = System.nanoTime();
        // a longer answer deadline than status's 3 s: TLS handshakes with every host on a loaded machine take longer
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    JsonNode status = Json.mapper()
                            .readTree(Cli.runOk("status", "-c", STACK, "--json", "--timeout", "10s")
                                    .stdout());
                    List<String> roles = new ArrayList<>();
                    status.path("members")
                            .forEach(m -> roles.add(m.path("role").asText() + "/"
                                    + m.path("state").asText()));
                    assertThat(roles).as("pgha status -c %s", STACK).hasSize(3).containsOnlyOnce("leader/running");
                    assertThat(roles.stream().filter(r -> r.endsWith("/streaming")))
                            .as("two replicas streaming in pgha status: %s", roles)
                            .hasSize(2);
                    assertThat(status.path("etcd").path("quorum").asBoolean())
                            .as("etcd quorum through the hosts' addresses")
                            .isTrue();
                    assertHostsSection(status.path("hosts"));
                });
        System.out.printf("pgha status -c %s: %.1f s%n", STACK, (System.nanoTime() - started) / 1e9);
    }

    /** The hosts section (docs/decisions/0044): three ready hosts, one etcd member and one PostgreSQL node on each, a router on each. */
    private static void assertHostsSection(JsonNode hosts) {
        assertThat(hosts).as("pgha status --json hosts: %s", hosts).hasSize(3);
        List<String> names = new ArrayList<>();
        List<String> pg = new ArrayList<>();
        List<String> etcd = new ArrayList<>();
        for (JsonNode h : hosts) {
            names.add(h.path("name").asText());
            assertThat(h.path("state").asText() + "/" + h.path("availability").asText())
                    .as("host %s", h)
                    .isEqualTo("ready/active");
            assertThat(h.path("engine").asText()).as("host %s", h).isNotBlank();
            assertThat(h.path("cpus").asInt()).as("host %s", h).isPositive();
            assertThat(h.path("memoryBytes").asLong()).as("host %s", h).isPositive();
            List<String> onHost = new ArrayList<>();
            h.path("members").forEach(m -> {
                if (m.path("task").asText().equals("running")) {
                    onHost.add(m.path("name").asText());
                }
            });
            List<String> pgHere =
                    onHost.stream().filter(m -> m.matches("pg-\\d+")).toList();
            List<String> etcdHere =
                    onHost.stream().filter(m -> m.matches("etcd-\\d+")).toList();
            assertThat(pgHere).as("PostgreSQL nodes running on %s", h).hasSize(1);
            assertThat(etcdHere).as("etcd members running on %s", h).hasSize(1);
            assertThat(onHost)
                    .as("a router (the stack's pg-router, global) runs on every host: %s", h)
                    .anyMatch(m -> m.endsWith("router"));
            pg.addAll(pgHere);
            etcd.addAll(etcdHere);
        }
        assertThat(names).doesNotHaveDuplicates();
        assertThat(pg).containsExactlyInAnyOrder("pg-0", "pg-1", "pg-2");
        assertThat(etcd).containsExactlyInAnyOrder("etcd-1", "etcd-2", "etcd-3");
        assertThat(hosts.findValuesAsText("role"))
                .as("one Raft leader among the managers")
                .containsOnlyOnce("manager leader");
    }

    /** {@code pgha down -c pgha-sw --yes}: the stack's services and network gone from the Swarm. */
    static void downRemovesTheStack(String endpoint, IntFunction<String> host) {
        long started = System.nanoTime();
        Cli.Result down = Cli.runOk("down", "-c", STACK, "--yes");
        System.out.printf("pgha down -c %s: %.1f s%n", STACK, (System.nanoTime() - started) / 1e9);
        assertThat(down.stdout())
                .contains("Stack " + STACK + " is down; its data volumes are kept (pgha up --swarm ENDPOINT --name "
                        + STACK + " brings it back)");
        assertThat(docker(endpoint, "service", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + STACK))
                .isBlank();
        assertThat(docker(endpoint, "network", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + STACK))
                .isBlank();
        assertThat(Cli.runOk("down", "-c", STACK, "--yes").stdout())
                .as("down again has nothing to remove")
                .contains("Stack " + STACK + " has nothing to remove");
        for (int i = 1; i <= 3; i++) {
            assertThat(stackVolumes(host.apply(i)))
                    .as("host %d keeps its data after a down without --volumes", i)
                    .isNotBlank();
        }

        // every node's volumes, not only the manager's (docs/decisions/0048)
        started = System.nanoTime();
        Cli.Result volumes = Cli.runOk("down", "-c", STACK, "--volumes", "--yes");
        System.out.printf("pgha down -c %s --volumes: %.1f s%n", STACK, (System.nanoTime() - started) / 1e9);
        assertThat(volumes.stdout())
                .as(volumes.describe())
                .contains("Stack " + STACK + " is down; its data is deleted.")
                .doesNotContain("not removed");
        assertThat(volumes.stdout() + volumes.stderr()).as("the step's detail").contains("on 3 node(s)");
        for (int i = 1; i <= 3; i++) {
            assertThat(stackVolumes(host.apply(i)))
                    .as("host %d's volumes of %s", i, STACK)
                    .isBlank();
        }
        assertThat(docker(endpoint, "service", "ls", "-q", "--filter", "name=" + STACK + "_remove-volumes"))
                .as("the job that removed them is gone too")
                .isBlank();
    }

    /** The stack's volumes on one host's engine. */
    private static String stackVolumes(String hostEndpoint) {
        return docker(hostEndpoint, "volume", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + STACK);
    }

    private static String uri(String address, int port) {
        return "host=" + address + " port=" + port + " user=postgres dbname=postgres sslmode=require connect_timeout=3";
    }

    private static String[] otherMembers(int host) {
        List<String> others = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            if (i != host) {
                others.add("etcd-" + i);
                others.add("pg-" + (i - 1));
            }
        }
        return others.toArray(String[]::new);
    }

    /** The stack's services with a running container on a host, without the stack's prefix. */
    private static List<String> services(String endpoint) {
        String out = docker(
                endpoint,
                "ps",
                "--filter",
                "label=com.docker.stack.namespace=" + STACK,
                "--format",
                "{{.Label \"com.docker.swarm.service.name\"}}");
        return out.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .map(l -> l.substring(STACK.length() + 1))
                .toList();
    }

    /** The Swarm stack's superuser password, as `pgha credentials` gives it. */
    static String superuserPassword() throws Exception {
        return Json.mapper()
                .readTree(
                        Cli.runOk("credentials", "-c", STACK, "--all", "--json").stdout())
                .path("superuser")
                .path("password")
                .asText();
    }

    /** A command in the running container of a service on a host, with PGPASSWORD when a password is given. */
    private static String exec(String endpoint, String service, String password, String... command) {
        String id = docker(
                        endpoint,
                        "ps",
                        "-q",
                        "--filter",
                        "label=com.docker.swarm.service.name=" + STACK + "_" + service)
                .strip();
        assertThat(id).as("%s runs on %s", service, endpoint).isNotBlank().doesNotContain("\n");
        List<String> args = new ArrayList<>(List.of("exec"));
        if (password != null) {
            args.addAll(List.of("-e", "PGPASSWORD=" + password));
        }
        args.add(id);
        args.addAll(List.of(command));
        return docker(endpoint, args.toArray(String[]::new));
    }

    private static String docker(String endpoint, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "docker";
        command[1] = "-H";
        command[2] = endpoint;
        System.arraycopy(args, 0, command, 3, args.length);
        return Commands.runOk(Duration.ofSeconds(60), command).stdout();
    }
}
