package io.pgha.runtime.testhosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.swarm.DockerJavaSwarm;
import io.pgha.runtime.swarm.SwarmManager;
import io.pgha.runtime.swarm.SwarmNode;
import io.pgha.runtime.testsupport.Commands;
import io.pgha.runtime.testsupport.RepoPaths;
import io.pgha.runtime.testsupport.TestMachine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * scripts/test-hosts.sh as a user runs it: {@code up 3} gives an endpoint of a 3-node Swarm whose nodes each run a
 * service pinned to them and reach each other over an overlay network; {@code down} leaves nothing behind. Its own
 * prefix and subnet, so a bed made by hand beside it is not touched. On the same hosts (made once: they are the slow
 * part), {@code pgha up --swarm} runs a cluster across them, which {@code pgha status} and {@code pgha down} then know
 * ({@link SwarmStackDeploy}).
 */
class TestHostsIT {

    private static final String PREFIX = "pgha-th-it";
    private static final String LABEL = "io.pgha.test-hosts=" + PREFIX;
    private static final Path DIR = Path.of("/tmp", PREFIX);
    private static final Map<String, String> ENV = Map.of(
            "PGHA_TEST_HOSTS_PREFIX",
            PREFIX,
            "PGHA_TEST_HOSTS_SUBNET",
            "192.168.232.0/24",
            "PGHA_TEST_HOSTS_DIR",
            DIR.toString(),
            "PGHA_TEST_HOSTS_TIMEOUT",
            "200");
    private static final String PROBE_IMAGE = "pgha/etcd:local";

    @BeforeAll
    static void machine() {
        TestMachine.requireDockerWithLocalImages();
        script(Duration.ofMinutes(2), "down"); // what a failed earlier run left
    }

    @AfterAll
    static void cleanUp() {
        script(Duration.ofMinutes(2), "down");
    }

    @Test
    void threeHostsFormASwarmThatRunsPinnedServicesOverAnOverlayAndDownLeavesNothing() throws Exception {
        long started = System.nanoTime();
        Commands.Result up = script(Duration.ofMinutes(4), "up", "3");
        System.out.printf("test-hosts up 3: %.1f s%n", (System.nanoTime() - started) / 1e9);
        assertThat(up.exitCode()).as(up.describe()).isZero();
        String endpoint = lastLine(up.stdout());
        assertThat(endpoint).isEqualTo("unix://" + DIR.resolve("1/docker.sock"));
        assertThat(up.stderr()).contains("swarm: 3 nodes Ready, 3 manager(s)");

        List<String> nodes =
                lines(on(endpoint, "node", "ls", "--format", "{{.Hostname}} {{.Status}} {{.ManagerStatus}}"));
        assertThat(nodes)
                .containsExactlyInAnyOrder(
                        PREFIX + "-1 Ready Leader", PREFIX + "-2 Ready Reachable", PREFIX + "-3 Ready Reachable");
        try (SwarmManager swarm = DockerJavaSwarm.connect(endpoint)) {
            List<SwarmNode> read = swarm.nodes();
            assertThat(read)
                    .as("the Swarm adapter reads the same nodes")
                    .hasSize(3)
                    .allMatch(SwarmNode::ready);
            assertThat(read)
                    .allMatch(SwarmNode::manager)
                    .filteredOn(SwarmNode::leader)
                    .hasSize(1);
            assertThat(read.stream().map(SwarmNode::hostname))
                    .containsExactlyInAnyOrder(PREFIX + "-1", PREFIX + "-2", PREFIX + "-3");
        }
        try (SwarmManager nowhere = DockerJavaSwarm.connect("unix://" + DIR.resolve("none/docker.sock"))) {
            assertThatThrownBy(nowhere::nodes)
                    .isInstanceOf(PghaException.class)
                    .hasMessageContaining("Swarm manager unix://" + DIR.resolve("none/docker.sock"));
        }
        for (int i = 1; i <= 3; i++) {
            assertThat(on(host(i), "image", "ls", "--format", "{{.Repository}}:{{.Tag}}"))
                    .as("host %d has the stack's images", i)
                    .contains(
                            "pgha/spilo-17:local",
                            "pgha/etcd:local",
                            "pgha/haproxy:local",
                            "pgha/supervisor:local",
                            "pgha/postgres-exporter:local");
        }

        Commands.Result again = script(Duration.ofMinutes(1), "up", "3");
        assertThat(again.exitCode()).as(again.describe()).isZero();
        assertThat(lastLine(again.stdout())).isEqualTo(endpoint);
        assertThat(again.stderr()).contains("images already on every host").doesNotContain("swarm init");

        pinnedServicesReachEachOtherOverAnOverlay(endpoint);
        Path work = Files.createTempDirectory("pgha-sw");
        String configDir = System.getProperty("pgha.config.dir");
        System.setProperty("pgha.config.dir", work.resolve("config").toString()); // pgha-sw's registration
        try {
            started = System.nanoTime();
            SwarmStackDeploy.deploysAHealthyClusterAcrossTheHosts(
                    work, i -> PREFIX + "-" + i, TestHostsIT::host, i -> "192.168.232." + (10 + i));
            System.out.printf("swarm stack, up --swarm to checked: %.1f s%n", (System.nanoTime() - started) / 1e9);
            SwarmStackDeploy.statusShowsLeaderAndTwoStreaming();
            started = System.nanoTime();
            HostFaults.primarysHostDownThenPartitioned(PREFIX, host(1));
            System.out.printf("host faults: %.1f s%n", (System.nanoTime() - started) / 1e9);

            SwarmStackDeploy.downRemovesTheStack(endpoint, TestHostsIT::host);
        } finally {
            if (configDir == null) {
                System.clearProperty("pgha.config.dir");
            } else {
                System.setProperty("pgha.config.dir", configDir);
            }
            Commands.run(Duration.ofSeconds(30), "rm", "-rf", work.toString());
        }

        started = System.nanoTime();
        Commands.Result down = script(Duration.ofMinutes(2), "down");
        System.out.printf("test-hosts down: %.1f s%n", (System.nanoTime() - started) / 1e9);
        assertThat(down.exitCode()).as(down.describe()).isZero();
        assertThat(docker("ps", "-a", "--filter", "label=" + LABEL, "--format", "{{.Names}}"))
                .isBlank();
        assertThat(docker("volume", "ls", "-q", "--filter", "label=" + LABEL)).isBlank();
        assertThat(docker("network", "ls", "-q", "--filter", "label=" + LABEL)).isBlank();
        assertThat(DIR).doesNotExist();
        assertThat(script(Duration.ofMinutes(1), "down").stderr()).contains("nothing to remove");
    }

    /** One service per node, pinned by a constraint on the node's hostname, DNS round robin (no IPVS here). */
    private static void pinnedServicesReachEachOtherOverAnOverlay(String endpoint) {
        on(endpoint, "network", "create", "--driver", "overlay", "--attachable", PREFIX + "-probe");
        for (int i = 1; i <= 3; i++) {
            on(
                    endpoint,
                    "service",
                    "create",
                    "--detach",
                    "--quiet",
                    "--name",
                    probe(i),
                    "--endpoint-mode",
                    "dnsrr",
                    "--network",
                    PREFIX + "-probe",
                    "--constraint",
                    "node.hostname==" + PREFIX + "-" + i,
                    PROBE_IMAGE,
                    "python3",
                    "-m",
                    "http.server",
                    "8080");
        }
        for (int i = 1; i <= 3; i++) {
            int n = i;
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> on(
                                    endpoint,
                                    "service",
                                    "ps",
                                    "--filter",
                                    "desired-state=running",
                                    "--format",
                                    "{{.Node}} {{.CurrentState}}",
                                    probe(n))
                            .strip()
                            .matches(PREFIX + "-" + n + " Running .*"));
        }
        String onHost1 = on(host(1), "ps", "-q", "--filter", "label=com.docker.swarm.service.name=" + probe(1))
                .strip();
        assertThat(onHost1).as("probe 1's task runs on host 1").isNotBlank();
        for (int i = 2; i <= 3; i++) {
            int n = i;
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(on(
                                    host(1),
                                    "exec",
                                    onHost1,
                                    "curl",
                                    "-s",
                                    "-m",
                                    "3",
                                    "-o",
                                    "/dev/null",
                                    "-w",
                                    "%{http_code}",
                                    "http://" + probe(n) + ":8080/"))
                            .as("host 1 reaches the service pinned to host %d over the overlay", n)
                            .isEqualTo("200"));
        }
    }

    private static String probe(int i) {
        return PREFIX + "-probe-" + i;
    }

    private static String host(int i) {
        return "unix://" + DIR.resolve(i + "/docker.sock");
    }

    private static Commands.Result script(Duration timeout, String... args) {
        Path script = RepoPaths.root().resolve("scripts/test-hosts.sh");
        assertThat(Files.isExecutable(script)).as(script + " is executable").isTrue();
        String[] command = new String[args.length + 1];
        command[0] = script.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        return Commands.run(timeout, null, ENV, command);
    }

    /** docker -H ENDPOINT ARGS: one of the test hosts' engines. */
    private static String on(String endpoint, String... args) {
        String[] command = new String[args.length + 2];
        command[0] = "-H";
        command[1] = endpoint;
        System.arraycopy(args, 0, command, 2, args.length);
        return docker(command);
    }

    private static String docker(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "docker";
        System.arraycopy(args, 0, command, 1, args.length);
        return Commands.runOk(Duration.ofSeconds(60), command).stdout();
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    private static String lastLine(String text) {
        List<String> all = lines(text);
        assertThat(all).as("the script printed an endpoint").isNotEmpty();
        return all.get(all.size() - 1);
    }
}
