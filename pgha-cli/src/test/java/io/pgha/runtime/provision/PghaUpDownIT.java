package io.pgha.runtime.provision;

import static io.pgha.runtime.testsupport.ComposeStack.docker;
import static io.pgha.runtime.testsupport.ComposeStack.dockerOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.runtime.cli.ExitCodes;
import io.pgha.runtime.testsupport.Cli;
import io.pgha.runtime.testsupport.ComposeStack;
import io.pgha.runtime.testsupport.TestMachine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * `pgha up`, `down` and `credentials` against the real engine with the local images, driven through the
 * CLI as a user would: from an empty engine to a writable stack, idempotence, repair, keeping data across
 * down/up, and removing exactly what the stack made.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PghaUpDownIT {

    private static final String STACK = "pg-ha";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static Path configDir;

    @BeforeAll
    static void emptyEngine() throws IOException {
        TestMachine.requireDockerWithLocalImages();
        configDir = Files.createTempDirectory("pgha-it-config");
        System.setProperty("pgha.config.dir", configDir.toString());
        ComposeStack.down(true); // a compose-made pg-ha (and, through compose's labels, a pgha-made one) with its data
        Cli.runOk("down", "--volumes", "--yes");
        assertThat(stackObjects())
                .as("nothing of stack pg-ha is left before the tests")
                .isEmpty();
    }

    @AfterAll
    static void leaveNothing() {
        Cli.run("down", "--volumes", "--yes");
        System.clearProperty("pgha.config.dir");
    }

    @Test
    @Order(1)
    void aPortInUseFailsBeforeAnythingIsCreated() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5001));
            Cli.Result r = Cli.run("up", "--images", "local");
            assertThat(r.exitCode()).as(r.describe()).isEqualTo(ExitCodes.CONFLICT);
            assertThat(r.stderr())
                    .contains("port 5001 (router reads) on 127.0.0.1 is already in use")
                    .contains("nothing was created");
        }
        assertThat(stackObjects()).as("objects of the stack after a refused up").isEmpty();
        assertThat(configDir.resolve("clusters/pg-ha/credentials.json")).doesNotExist();
    }

    @Test
    @Order(2)
    void upOnAnEmptyEngineEndsWritableWithEveryReplicaStreaming() throws Exception {
        Cli.Result r = Cli.runOk("up", "--images", "local", "--json");
        List<JsonNode> lines = jsonLines(r.stdout());
        JsonNode result = lines.getLast();
        assertThat(result.path("type").asText()).isEqualTo("result");
        assertThat(result.path("changed").asBoolean()).isTrue();
        assertThat(lines)
                .filteredOn(l -> l.path("status").asText().equals("done"))
                .extracting(l -> l.path("step").asText())
                .containsSubsequence(
                        "docker",
                        "preflight",
                        "images",
                        "create",
                        "etcd",
                        "etcd-auth",
                        "postgres",
                        "leader",
                        "replicas",
                        "router");
        System.out.println(
                "pgha up from an empty engine: " + result.path("elapsed_ms").asLong() + " ms");
        lines.stream()
                .filter(l -> l.path("status").asText().equals("done"))
                .forEach(l -> System.out.println("  step " + l.path("step").asText() + ": "
                        + l.path("elapsed_ms").asLong() + " ms"));

        JsonNode credentials =
                JSON.readTree(Cli.runOk("credentials", "--json", "--all").stdout());
        String password = credentials.path("superuser").path("password").asText();
        assertThat(password).hasSize(32);
        assertThat(r.stdout() + r.stderr()).as("up never prints a password").doesNotContain(password);
        Path file = configDir.resolve("clusters/pg-ha/credentials.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(credentials.path("write_uri").asText())
                .as("applications get their own role, verify-full with the cluster's CA")
                .startsWith("postgresql://app:")
                .contains("@127.0.0.1:5000/app?sslmode=verify-full&sslrootcert=");
        assertThat(credentials.path("write_conninfo").asText())
                .as("both routers in one libpq string (docs/decisions/0030)")
                .startsWith("host=127.0.0.1,127.0.0.1 port=5000,5002 dbname=app user=app password=")
                .contains(" target_session_attrs=read-write sslmode=verify-full sslrootcert=");
        assertThat(credentials.path("read_conninfo").asText())
                .contains("port=5001,5003")
                .contains("target_session_attrs=prefer-standby");
        assertThat(credentials.path("write_jdbc_routers").asText())
                .startsWith("jdbc:postgresql://127.0.0.1:5000,127.0.0.1:5002/app?targetServerType=primary&");
        assertThat(credentials.path("read_jdbc_routers").asText())
                .startsWith("jdbc:postgresql://127.0.0.1:5001,127.0.0.1:5003/app?targetServerType=preferSecondary&");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(configDir.resolve("clusters/pg-ha/pki/ca.key"))))
                .isEqualTo("rw-------");

        JsonNode members = JSON.readTree(get("https://127.0.0.1:8008/cluster")).path("members");
        assertThat(members).hasSize(3);
        assertThat(members)
                .filteredOn(m -> m.path("role").asText().equals("leader"))
                .hasSize(1);
        assertThat(members)
                .filteredOn(m -> m.path("state").asText().equals("streaming"))
                .hasSize(2);
        try (Connection c = connect(5000, password)) {
            execute(c, "CREATE TABLE kept (id text PRIMARY KEY)");
            assertThat(queryOne(c, "SELECT pg_is_in_recovery()")).isEqualTo("f");
        }
        try (Connection c = connect(5001, password)) {
            assertThat(queryOne(c, "SELECT pg_is_in_recovery()")).isEqualTo("t");
        }
        try (Connection c = connect(5002, password)) {
            assertThat(queryOne(c, "SELECT pg_is_in_recovery()"))
                    .as("the second router's write port")
                    .isEqualTo("f");
        }
        try (Connection c = connect(5003, password)) {
            assertThat(queryOne(c, "SELECT pg_is_in_recovery()"))
                    .as("the second router's read port")
                    .isEqualTo("t");
        }

        List<String> containers = containersOfStack();
        assertThat(containers)
                .containsExactlyInAnyOrder(
                        "etcd-1",
                        "etcd-2",
                        "etcd-3",
                        "pg-0",
                        "pg-1",
                        "pg-2",
                        "pg-0-exporter",
                        "pg-1-exporter",
                        "pg-2-exporter",
                        "pg-router",
                        "pg-router-2",
                        "pg-supervisor",
                        "pg-prometheus");
        assertThat(docker(
                                "ps",
                                "--filter",
                                "label=io.pgha.stack=pg-ha",
                                "--filter",
                                "label=io.pgha.role=postgres",
                                "--format",
                                "{{.Names}}")
                        .stdout()
                        .lines()
                        .toList())
                .containsExactlyInAnyOrder("pg-0", "pg-1", "pg-2");
        assertThat(docker("compose", "-p", STACK, "ps", "--format", "{{.Name}}")
                        .stdout()
                        .lines()
                        .toList())
                .as("docker compose sees the stack")
                .hasSize(13);
        assertThat(docker("exec", "pg-0", "patronictl", "list").stdout())
                .contains("Leader")
                .contains("streaming");
        assertThat(get("http://127.0.0.1:9187/metrics")).contains("\npg_up 1");
    }

    @Test
    @Order(3)
    void aSecondUpIsANoOp() {
        String before = docker("ps", "-q", "--no-trunc", "--filter", "label=io.pgha.stack=pg-ha")
                .stdout();
        Cli.Result r = Cli.runOk("up", "--images", "local");
        assertThat(r.stdout())
                .contains("Stack pg-ha is already up; nothing changed")
                .as("how an application connects: its role, verify-full with the cluster's CA, no password (issue 18)")
                .contains("writes: psql 'postgresql://app@127.0.0.1:5000/app?sslmode=verify-full&sslrootcert=")
                .contains("pgha credentials")
                .doesNotContain("-U postgres");
        assertThat(docker("ps", "-q", "--no-trunc", "--filter", "label=io.pgha.stack=pg-ha")
                        .stdout())
                .isEqualTo(before);
    }

    @Test
    @Order(4)
    void aDifferentSpecIsReportedNotApplied() {
        String before = docker("ps", "-q", "--no-trunc", "--filter", "label=io.pgha.stack=pg-ha")
                .stdout();
        Cli.Result r = Cli.run("up", "--images", "local", "--ttl", "30");
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(r.stderr())
                .contains("different spec")
                .contains("patroni.ttl: 20 -> 30")
                .contains("Nothing was changed");
        assertThat(docker("ps", "-q", "--no-trunc", "--filter", "label=io.pgha.stack=pg-ha")
                        .stdout())
                .isEqualTo(before);
    }

    @Test
    @Order(5)
    void upBringsBackAKilledAndARemovedContainer() throws Exception {
        String replica = replicas().getFirst();
        dockerOk("kill", "etcd-3");
        dockerOk("rm", "-f", replica);
        Cli.Result r = Cli.runOk("up", "--images", "local", "--json");
        JsonNode result = jsonLines(r.stdout()).getLast();
        assertThat(result.path("actions").toString())
                .contains("created container " + replica)
                .contains("started container etcd-3");
        assertThat(replicas()).contains(replica).hasSize(2);
        assertThat(ComposeStack.isRunning("etcd-3")).isTrue();
    }

    /**
     * The kill-router drill (docs/decisions/0030): pg-router killed for 10 s while the writers hold both routers' write
     * ports in one pgjdbc URL (targetServerType=primary); they keep writing through pg-router-2, nothing acknowledged is
     * lost, and the drill heals only once pg-router is back and both routers reach the primary.
     */
    @Test
    @Order(6)
    void killingARouterKeepsAMultiHostClientWriting() throws Exception {
        Cli.Result r = Cli.runOk("drill", "kill-router", "--json", "--fault-seconds", "10");
        JsonNode run = JSON.readTree(r.stdout()).path("runs").get(0);
        System.out.println("kill-router drill: " + run);
        assertThat(run.path("lostWrites").asLong())
                .as("acknowledged writes lost: " + run)
                .isZero();
        assertThat(run.path("splitBrainSamples").asLong())
                .as("split brain: " + run)
                .isZero();
        assertThat(run.path("healedAfter").isNull()).as("healed: " + run).isFalse();
        assertThat(run.path("writesRefusedDuringFault").asBoolean())
                .as("writes flowed through pg-router-2 while pg-router was dead: " + run)
                .isFalse();
        assertThat(run.path("newLeader").asText())
                .isEqualTo(run.path("oldLeader").asText());
        assertThat(seconds(run.path("writeOutage")))
                .as("the longest gap between acknowledged writes: a reconnect to the second router, " + run)
                .isLessThan(5.0);
        assertThat(ComposeStack.isRunning("pg-router")).isTrue();
        try (Connection c = connect(5000, password())) {
            assertThat(queryOne(c, "SELECT pg_is_in_recovery()")).isEqualTo("f");
        }
    }

    /** A Duration in the drill's JSON: seconds as a number, or ISO-8601 (PT1.5S). */
    private static double seconds(JsonNode d) {
        return d.isNumber()
                ? d.asDouble()
                : java.time.Duration.parse(d.asText()).toNanos() / 1e9;
    }

    @Test
    @Order(7)
    void downThenUpKeepsTheData() throws Exception {
        String password = password();
        String marker = "kept-" + UUID.randomUUID();
        try (Connection c = connect(5000, password)) {
            execute(c, "INSERT INTO kept VALUES ('" + marker + "')");
        }
        Cli.Result down = Cli.runOk("down");
        assertThat(down.stdout()).contains("its data volumes are kept");
        assertThat(containersOfStack()).isEmpty();
        assertThat(docker("volume", "ls", "-q", "--filter", "label=io.pgha.stack=pg-ha")
                        .stdout()
                        .lines()
                        .toList())
                .as("the data volumes, the backup repository and the routers' runtime API socket volumes")
                .hasSize(10);

        Cli.runOk("up", "--images", "local");
        try (Connection c = connect(5000, password)) {
            assertThat(queryOne(c, "SELECT count(*) FROM kept WHERE id = '" + marker + "'"))
                    .isEqualTo("1");
        }
    }

    @Test
    @Order(8)
    void downWithVolumesRemovesEverythingTheStackMadeAndNothingElse() throws IOException {
        String bystander = "pgha-it-bystander-" + UUID.randomUUID().toString().substring(0, 8);
        dockerOk("volume", "create", bystander);
        dockerOk("run", "-d", "--name", bystander, "-v", bystander + ":/data", "pgha/etcd:local", "sleep", "600");
        try {
            Cli.Result refused = Cli.run("down", "--volumes");
            assertThat(refused.exitCode()).isEqualTo(ExitCodes.REFUSED);
            assertThat(containersOfStack()).as("a refused down removes nothing").hasSize(13);

            Cli.Result r = Cli.runOk("down", "--volumes", "--yes", "--json");
            // 13 containers, the network, 7 data volumes, the backup repository and the two routers' runtime API socket
            // volumes
            assertThat(jsonLines(r.stdout()).getLast().path("removed")).hasSize(24);
            assertThat(stackObjects()).isEmpty();
            assertThat(docker("network", "ls", "-q", "--filter", "name=^pg-ha$").stdout())
                    .isBlank();
            assertThat(configDir.resolve("clusters/pg-ha")).doesNotExist();
            assertThat(ComposeStack.isRunning(bystander))
                    .as("a container not of the stack survives")
                    .isTrue();
            assertThat(docker("volume", "inspect", bystander).ok())
                    .as("a volume not of the stack survives")
                    .isTrue();
        } finally {
            docker("rm", "-f", bystander);
            docker("volume", "rm", bystander);
        }
    }

    private static List<String> stackObjects() {
        List<String> objects = new ArrayList<>(containersOfStack());
        objects.addAll(docker("volume", "ls", "-q", "--filter", "label=io.pgha.stack=pg-ha")
                .stdout()
                .lines()
                .toList());
        objects.addAll(docker("network", "ls", "-q", "--filter", "label=io.pgha.stack=pg-ha")
                .stdout()
                .lines()
                .toList());
        return objects;
    }

    private static List<String> containersOfStack() {
        return docker("ps", "-a", "--filter", "label=io.pgha.stack=pg-ha", "--format", "{{.Names}}")
                .stdout()
                .lines()
                .toList();
    }

    private static List<String> replicas() throws Exception {
        List<String> names = new ArrayList<>();
        for (JsonNode m : JSON.readTree(get("https://127.0.0.1:8008/cluster")).path("members")) {
            if (m.path("state").asText().equals("streaming")) {
                names.add(m.path("name").asText());
            }
        }
        return names;
    }

    private static String password() throws IOException {
        return JSON.readTree(Cli.runOk("credentials", "--json", "--all").stdout())
                .path("superuser")
                .path("password")
                .asText();
    }

    private static List<JsonNode> jsonLines(String out) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String l : out.lines().filter(s -> !s.isBlank()).toList()) {
            lines.add(JSON.readTree(l));
        }
        return lines;
    }

    private static String get(String url) throws Exception {
        // the stack's REST API is HTTPS with a certificate of the cluster's own CA
        HttpClient client = url.startsWith("https:")
                ? HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(2))
                        .sslContext(io.pgha.runtime.http.ClusterTrust.sslContext(caFile()))
                        .build()
                : HTTP;
        HttpResponse<String> r = client.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return r.body();
    }

    private static String caFile() {
        return configDir.resolve("clusters/pg-ha/pki/ca.crt").toString();
    }

    private static Connection connect(int port, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", password);
        p.setProperty("sslmode", "verify-full");
        p.setProperty("sslrootcert", caFile());
        p.setProperty("connectTimeout", "3");
        p.setProperty("socketTimeout", "10");
        Connection[] c = new Connection[1];
        // the router may need a check interval to mark a restarted node up: retry briefly
        await("a connection through port " + port)
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(300))
                .ignoreExceptions()
                .until(() -> {
                    c[0] = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", p);
                    return true;
                });
        return c[0];
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String queryOne(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
