package io.pgha.runtime.firstrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.runtime.testsupport.Commands;
import io.pgha.runtime.testsupport.ComposeStack;
import io.pgha.runtime.testsupport.TestMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A newcomer's first command (issue 15): a clean copy of the checkout (no built jars) and an engine without any pgha/*
 * image, then README.md's run command exactly as written, must end with a writable primary on 5000 and streaming
 * replicas. The same stack then answers the other first-day commands. Runs before every other integration test (its own
 * failsafe execution), so the images it builds serve them all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FreshCloneIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FIRST_RUN_LIMIT = Duration.ofMinutes(20);

    private Path work;
    private Path clone;
    private Map<String, String> env;

    @BeforeAll
    void aFreshMachine() throws IOException {
        TestMachine.requireDocker();
        work = Files.createTempDirectory("pgha-fresh-clone");
        clone = FreshClone.copyTo(work.resolve("pgha"));
        assertThat(clone.resolve("ha-runtime/target")).doesNotExist();
        assertThat(clone.resolve("pgha-cli/target")).doesNotExist();
        env = new HashMap<>(Map.of("PGHA_CONFIG_DIR", work.resolve("config").toString()));
        removeEveryPghaImage();
    }

    @AfterAll
    void removeTheStack() {
        if (clone != null) {
            Commands.Result down =
                    Commands.run(Duration.ofMinutes(3), clone, env, "./pgha", "down", "--volumes", "--yes");
            assertThat(down.exitCode()).as(down.describe()).isZero();
            Commands.run(Duration.ofMinutes(1), "rm", "-rf", work.toString());
        }
    }

    @Test
    @Order(1)
    void theReadmeRunCommandStartsAClusterFromNothing() throws Exception {
        List<String> commands = FreshClone.readmeCommands(clone, "<!-- run-command -->");
        Instant start = Instant.now();
        for (String command : commands) {
            Commands.Result r = Commands.run(FIRST_RUN_LIMIT, clone, env, "bash", "-c", command);
            System.out.printf(
                    "README run command `%s` on a fresh clone and engine: exit %d after %d s%n%s%n",
                    command,
                    r.exitCode(),
                    Duration.between(start, Instant.now()).toSeconds(),
                    r.stdout() + r.stderr());
            assertThat(r.exitCode())
                    .as("README's run command `%s` on a fresh clone:%n%s", command, r.describe())
                    .isZero();
        }
        // what `pgha credentials` gives a newcomer first: the application's login, verify-full against the cluster CA
        String writeJdbc = JSON.readTree(pgha("credentials", "--json").stdout())
                .path("write_jdbc")
                .asText();
        assertThat(writeJdbc).contains("sslmode=verify-full");
        try (Connection c = DriverManager.getConnection(writeJdbc);
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS first_run (id serial PRIMARY KEY)");
            st.execute("INSERT INTO first_run DEFAULT VALUES");
            try (ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery()")) {
                rs.next();
                assertThat(rs.getBoolean(1))
                        .as("5000 reaches a writable primary")
                        .isFalse();
            }
        }
        assertThat(ComposeStack.patronictlList())
                .filteredOn(ComposeStack.PatroniRow::isLeader)
                .hasSize(1);
        assertThat(ComposeStack.patronictlList())
                .filteredOn(ComposeStack.PatroniRow::isStreamingReplica)
                .hasSize(2);
    }

    /**
     * Last: Docker's first health probe runs one interval (30 s) after a container's start, so checked right after
     * {@code up} this waited for it; by now every container has been probed (the drill's restarted one too, or soon).
     */
    @Test
    @Order(8)
    void everyContainerOfTheStackIsHealthyInDockerPs() {
        await("docker ps shows every container of pg-ha healthy")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    List<String> rows = Commands.runOk(
                                    Duration.ofSeconds(30),
                                    "docker",
                                    "ps",
                                    "-a",
                                    "--filter",
                                    "label=io.pgha.stack=pg-ha",
                                    "--format",
                                    "{{.Names}} {{.Status}}")
                            .stdout()
                            .lines()
                            .toList();
                    assertThat(rows)
                            .as("3 etcd, 3 PostgreSQL, 3 exporters, 2 routers, the supervisor, Prometheus")
                            .hasSize(13)
                            .allSatisfy(row -> assertThat(row).contains("(healthy)"));
                });
    }

    @Test
    @Order(3)
    void theSeedsTroubleshootingCommandWorksVerbatim() {
        Commands.Result r = Commands.run(
                Duration.ofSeconds(30),
                "docker",
                "exec",
                "pg-0",
                "patronictl",
                "-c",
                "/etc/patroni/patroni.yml",
                "list");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).contains("pg-0", "pg-1", "pg-2", "Leader");
    }

    @Test
    @Order(4)
    void clustersListsIt() throws Exception {
        JsonNode clusters = JSON.readTree(pgha("clusters", "--json").stdout());
        assertThat(clusters).hasSize(1);
        assertThat(clusters.get(0).path("name").asText()).isEqualTo("pg-ha");
        assertThat(clusters.get(0).path("origin").asText()).isEqualTo("provisioned");
        assertThat(clusters.get(0).path("state").asText()).isEqualTo("running");
        assertThat(pgha("clusters").stdout()).contains("pg-ha").endsWith("\n");
    }

    @Test
    @Order(5)
    void drillTakesTheClusterWithItsGeneratedPasswords() throws Exception {
        Commands.Result r = pgha("drill", "kill-primary", "--runs", "1", "--json");
        JsonNode run = JSON.readTree(r.stdout()).path("runs").get(0);
        assertThat(run.path("lostWrites").asLong()).as(r.describe()).isZero();
        assertThat(run.path("splitBrainSamples").asLong()).isZero();
        assertThat(run.path("acknowledgedWrites").asLong())
                .as("writes acknowledged with the generated password")
                .isPositive();
        assertThat(run.path("newLeader").asText())
                .isNotEqualTo(run.path("oldLeader").asText());
    }

    @Test
    @Order(6)
    void noJvmWarningReachesUsersOnJdk25() {
        for (String[] command : List.of(
                new String[] {"status"}, new String[] {"clusters"}, new String[] {"--version"}, new String[] {"up"})) {
            Commands.Result r = pgha(command);
            assertThat(r.stderr())
                    .as(
                            "pgha %s on JDK %s",
                            String.join(" ", command), Runtime.version().feature())
                    .doesNotContain("WARNING")
                    .doesNotContain("warning:");
            assertThat(r.stdout()).endsWith("\n");
        }
    }

    @Test
    @Order(7)
    void noJvmWarningReachesUsersOnJdk21() {
        Commands.runOk(
                Duration.ofMinutes(10),
                clone.resolve("stack/images/build-local.sh").toString(),
                "--java-images");
        for (String command : List.of("status", "clusters", "--version")) {
            Commands.Result r = Commands.run(
                    Duration.ofMinutes(2),
                    "docker",
                    "run",
                    "--rm",
                    "--network",
                    "host",
                    "-v",
                    clone + ":" + clone,
                    "-v",
                    env.get("PGHA_CONFIG_DIR") + ":/config",
                    "-e",
                    "PGHA_CONFIG_DIR=/config",
                    "-e",
                    "JAVA_HOME=/usr/lib/jvm/java-21-openjdk-amd64",
                    "-w",
                    clone.toString(),
                    "pgha/jdk-21:local",
                    "./pgha",
                    command);
            assertThat(r.exitCode()).as(r.describe()).isZero();
            assertThat(r.stderr())
                    .as("pgha %s on JDK 21", command)
                    .doesNotContain("WARNING")
                    .doesNotContain("warning:");
            assertThat(r.stdout()).endsWith("\n");
        }
    }

    private Commands.Result pgha(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "./pgha";
        System.arraycopy(args, 0, command, 1, args.length);
        Commands.Result r = Commands.run(Duration.ofMinutes(5), clone, env, command);
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return r;
    }

    /** A fresh engine: no pgha/* image, so no container of ours, and no pg-ha stack, network or volume from an earlier run. */
    private static void removeEveryPghaImage() {
        // the compose stack other tests share (same names, ports and network as pgha up's default stack)
        Commands.run(
                Duration.ofMinutes(3),
                "docker",
                "compose",
                "-p",
                "pg-ha",
                "down",
                "--volumes",
                "--remove-orphans",
                "-t",
                "5");
        List<String> images = Commands.runOk(
                        Duration.ofMinutes(1), "docker", "images", "--format", "{{.Repository}}:{{.Tag}}")
                .stdout()
                .lines()
                .filter(i -> i.startsWith("pgha/"))
                .toList();
        for (String image : images) {
            List<String> users = Commands.runOk(
                            Duration.ofMinutes(1), "docker", "ps", "-aq", "--filter", "ancestor=" + image)
                    .stdout()
                    .lines()
                    .toList();
            if (!users.isEmpty()) {
                System.out.println("removing containers of an earlier run that use " + image + ": " + users);
                Commands.runOk(Duration.ofMinutes(2), concat(new String[] {"docker", "rm", "-f"}, users));
            }
        }
        if (!images.isEmpty()) {
            Commands.runOk(Duration.ofMinutes(5), concat(new String[] {"docker", "rmi", "-f"}, images));
        }
        Commands.run(
                Duration.ofMinutes(1),
                "docker",
                "network",
                "rm",
                "pg-ha"); // compose down -p leaves a network named in the file
        List<String> volumes = Commands.runOk(
                        Duration.ofMinutes(1), "docker", "volume", "ls", "-q", "--filter", "name=pg-ha_")
                .stdout()
                .lines()
                .toList();
        if (!volumes.isEmpty()) {
            Commands.runOk(Duration.ofMinutes(1), concat(new String[] {"docker", "volume", "rm", "-f"}, volumes));
        }
        assertThat(Commands.runOk(Duration.ofMinutes(1), "docker", "images", "-q", "--filter", "reference=pgha/*")
                        .stdout())
                .isBlank();
    }

    private static String[] concat(String[] head, List<String> tail) {
        String[] all = Arrays.copyOf(head, head.length + tail.size());
        for (int i = 0; i < tail.size(); i++) {
            all[head.length + i] = tail.get(i);
        }
        return all;
    }
}
