package io.pgha.runtime.security;

import static io.pgha.runtime.testsupport.ComposeStack.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection.EtcdAuth;
import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.cluster.EtcdPasswords;
import io.pgha.runtime.dcs.EtcdClientFactory;
import io.pgha.runtime.dcs.EtcdErrors;
import io.pgha.runtime.http.ClusterTrust;
import io.pgha.runtime.pki.CertificateRequest;
import io.pgha.runtime.pki.ClusterPki;
import io.pgha.runtime.testsupport.Cli;
import io.pgha.runtime.testsupport.Commands;
import io.pgha.runtime.testsupport.ComposeStack;
import io.pgha.runtime.testsupport.TestMachine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The hostile-client suite of issue 18 against a real stack made by `pgha up` (docs/decisions/0020): without credentials,
 * from this machine and from a container on the stack's network, Patroni's unsafe endpoints, HAProxy's runtime API and
 * stats page, and plain-text PostgreSQL are refused; verified TLS works through 127.0.0.1 and pg-router with the
 * cluster's CA, a client trusting another CA is refused; no container shows a password; with credentials, pgha's status
 * and a switchover still work. etcd (docs/decisions/0019): without a user, the leader key can be neither read, written
 * nor deleted, from this machine or the network; plain HTTP gets nowhere; Patroni's user cannot write outside its
 * scope; Patroni and the supervisor work with their own users, and a second `pgha up` finds etcd's users in place.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileClientIT {

    private static final String NETWORK = "pg-ha";
    private static final String PROBE_IMAGE = "pgha/spilo-17:local";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ETCD = "https://127.0.0.1:23791";
    private static final String LEADER = "/service/pg-ha/leader";
    private static final Duration CALL = Duration.ofSeconds(5);
    private static Path configDir;
    private static Path ca;
    private static JsonNode credentials;

    @BeforeAll
    static void secureStack() throws IOException {
        TestMachine.requireDockerWithLocalImages();
        configDir = Files.createTempDirectory("pgha-it-hostile");
        System.setProperty("pgha.config.dir", configDir.toString());
        ComposeStack.down(true);
        Cli.runOk("down", "--volumes", "--yes");
        // its steps and their times (no secret in them)
        System.out.println("pgha up:\n" + Cli.runOk("up", "--images", "local").stdout());
        ca = configDir.resolve("clusters/pg-ha/pki/ca.crt");
        credentials = JSON.readTree(Cli.runOk("credentials", "--json", "--all").stdout());
    }

    @AfterAll
    static void leaveNothing() {
        Cli.run("down", "--volumes", "--yes");
        System.clearProperty("pgha.config.dir");
    }

    @Test
    @Order(1)
    void noContainerShowsAPasswordInItsEnvironmentOrCommand() {
        List<String> passwords = new ArrayList<>();
        for (String login :
                List.of("superuser", "replication", "admin", "monitor", "patroni_rest_api", "router_stats")) {
            passwords.add(credentials.path(login).path("password").asText());
        }
        passwords.add(credentials.path("application").path("password").asText());
        EtcdPasswords etcd = etcdPasswords();
        passwords.addAll(List.of(etcd.root(), etcd.patroni(), etcd.supervisor(), etcd.pgha()));
        assertThat(passwords).hasSize(11).allSatisfy(p -> assertThat(p).hasSize(32));
        List<String> containers = docker("ps", "-a", "--filter", "label=io.pgha.stack=pg-ha", "--format", "{{.Names}}")
                .stdout()
                .lines()
                .toList();
        assertThat(containers)
                .as("13 containers: 3 etcd, 3 PostgreSQL, 3 exporters, 2 routers, the supervisor, Prometheus")
                .hasSize(13);
        for (String c : containers) {
            String inspect = docker(
                            "inspect",
                            "--format",
                            "{{json .Config.Env}} {{json .Config.Cmd}} {{json .Config.Entrypoint}} {{json .Args}} {{json .Config.Labels}}",
                            c)
                    .stdout();
            for (String p : passwords) {
                assertThat(inspect).as("docker inspect " + c).doesNotContain(p);
            }
        }
    }

    @Test
    @Order(2)
    void fromThisMachinePatroniRefusesUnsafeCallsWithoutALogin() throws Exception {
        HttpClient trusting = HttpClient.newBuilder()
                .sslContext(ClusterTrust.sslContext(ca.toString()))
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        for (int port : List.of(8008, 8009, 8010)) {
            String base = "https://127.0.0.1:" + port;
            assertThat(send(trusting, "POST", base + "/switchover", "{\"leader\":\"pg-0\"}"))
                    .as("POST /switchover on " + port)
                    .isEqualTo(401);
            assertThat(send(trusting, "POST", base + "/restart", "{}")).isEqualTo(401);
            assertThat(send(trusting, "PATCH", base + "/config", "{\"postgresql\":{\"parameters\":{}}}"))
                    .isEqualTo(401);
            assertThat(send(trusting, "GET", base + "/health", null))
                    .as("safe endpoints stay open to monitoring")
                    .isIn(200, 503);
        }
        // plain HTTP gets no answer from a TLS listener
        HttpClient plain =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        assertThatThrownBy(() -> send(plain, "POST", "http://127.0.0.1:8008/switchover", "{}"))
                .isInstanceOf(IOException.class);
        // nor does a client that trusts another authority
        HttpClient forged = HttpClient.newBuilder()
                .sslContext(ClusterTrust.sslContext(otherCa().toString()))
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        assertThatThrownBy(() -> send(forged, "GET", "https://127.0.0.1:8008/health", null))
                .isInstanceOf(IOException.class);
    }

    @Test
    @Order(3)
    void fromThisMachineTheStatsPageWantsALoginAndPostgresWantsVerifiedTls() throws Exception {
        HttpClient plain =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        assertThat(send(plain, "GET", "http://127.0.0.1:8404/", null)).isEqualTo(401);
        assertThat(send(plain, "GET", "http://127.0.0.1:8404/;csv", null)).isEqualTo(401);
        assertThat(send(plain, "GET", "http://127.0.0.1:8404/healthz", null))
                .as("the monitor URI answers without a login")
                .isEqualTo(200);

        JsonNode app = credentials.path("application");
        String user = app.path("user").asText();
        String password = app.path("password").asText();
        assertThatThrownBy(() -> connect(5000, user, password, "disable", null))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("pg_hba.conf");
        try (Connection c = connect(5000, user, password, "verify-full", ca)) {
            assertThat(query(
                            c,
                            "SELECT current_user || ' ' || current_database() || ' ' || ssl FROM pg_stat_ssl"
                                    + " WHERE pid = pg_backend_pid()"))
                    .isEqualTo("app app true");
            assertThat(query(c, "SELECT pg_is_in_recovery()")).isEqualTo("f");
        }
        try (Connection c = connect(5001, user, password, "verify-full", ca)) {
            assertThat(query(c, "SELECT pg_is_in_recovery()")).isEqualTo("t");
        }
        Path other = otherCa();
        assertThatThrownBy(() -> connect(5000, user, password, "verify-full", other))
                .isInstanceOf(SQLException.class);
        assertThat(credentials.path("write_uri").asText())
                .startsWith("postgresql://app:")
                .contains("@127.0.0.1:5000/app?sslmode=verify-full&sslrootcert=");
    }

    @Test
    @Order(4)
    void fromAContainerOnTheStackNetworkNothingIsOpenWithoutCredentials() {
        JsonNode app = credentials.path("application");
        String script = String.join(
                "\n",
                "code() { curl -s -m 5 -o /dev/null -w '%{http_code}' \"$@\" || true; }",
                "echo switchover=$(code -k -X POST -d '{\"leader\":\"pg-0\"}' https://pg-0:8008/switchover)",
                "echo restart=$(code -k -X POST -d '{}' https://pg-1:8008/restart)",
                "echo config=$(code -k -X PATCH -d '{}' https://pg-2:8008/config)",
                "echo verified=$(code --cacert /ca.crt https://pg-0:8008/health)",
                "echo stats=$(code http://pg-router:8404/)",
                "if timeout 3 bash -c 'exec 3<>/dev/tcp/pg-router/9999' 2>/dev/null; then echo runtime=open; else echo runtime=closed; fi",
                "echo 'show info' | timeout 3 bash -c 'cat > /dev/tcp/pg-router/9999' 2>/dev/null && echo runtime_write=open || echo runtime_write=closed",
                "psql 'host=pg-router port=5000 dbname=app user=app sslmode=disable connect_timeout=5' -Atc 'SELECT 1' >/tmp/o 2>&1; echo nossl_router=$? $(head -c 200 /tmp/o | tr '\\n' ' ')",
                "psql 'host=pg-0 port=5432 dbname=app user=app sslmode=disable connect_timeout=5' -Atc 'SELECT 1' >/tmp/o 2>&1; echo nossl_node=$? $(head -c 200 /tmp/o | tr '\\n' ' ')",
                "echo verified_router=$(psql 'host=pg-router port=5000 dbname=app user=app sslmode=verify-full sslrootcert=/ca.crt connect_timeout=5' -Atc 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()' 2>&1)");
        Commands.Result r = docker(
                "run",
                "--rm",
                "--network",
                NETWORK,
                "-v",
                ca + ":/ca.crt:ro",
                "-e",
                "PGPASSWORD=" + app.path("password").asText(),
                "--entrypoint",
                "bash",
                PROBE_IMAGE,
                "-c",
                script);
        String out = r.stdout();
        assertThat(out)
                .as(r.stdout() + r.stderr())
                .contains("switchover=401")
                .contains("restart=401")
                .contains("config=401")
                .contains("verified=200")
                .contains("stats=401")
                .contains("runtime=closed")
                .contains("runtime_write=closed")
                .containsPattern("nossl_router=2 .*pg_hba\\.conf")
                .containsPattern("nossl_node=2 .*pg_hba\\.conf")
                .contains("verified_router=t");
    }

    @Test
    @Order(5)
    void withItsCredentialsPghaStillWatchesAndSwitchesOver() throws Exception {
        Cli.Result status = Cli.runOk("status", "--json");
        assertThat(status.stdout()).contains("\"leader\"");
        String before = leader();
        Cli.Result switchover = Cli.run("switchover", "--yes");
        assertThat(switchover.exitCode()).as(switchover.describe()).isZero();
        await("a new leader")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> !leader().equals(before));
        // the router follows, over its verified checks of Patroni's REST API
        JsonNode app = credentials.path("application");
        await("writes through the router after the switchover")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .ignoreExceptions()
                .until(() -> {
                    try (Connection c = connect(
                            5000,
                            app.path("user").asText(),
                            app.path("password").asText(),
                            "verify-full",
                            ca)) {
                        return query(c, "SELECT pg_is_in_recovery()").equals("f");
                    }
                });
    }

    @Test
    @Order(6)
    void fromThisMachineEtcdRefusesAClientWithoutAUserAndPlainHttp() throws Exception {
        String leaderBefore = leaderKey();
        assertThat(leaderBefore)
                .as("Patroni keeps its leader key, as its etcd user")
                .isNotEmpty();
        try (Client anonymous = EtcdClientFactory.create(List.of(ETCD), caOnly(), CALL)) {
            assertThatThrownBy(() -> call("get", anonymous.getKVClient().get(bytes(LEADER))))
                    .isInstanceOfSatisfying(PghaException.class, e -> {
                        assertThat(e.kind()).isEqualTo(PghaException.Kind.UNAUTHORIZED);
                        assertThat(e.getMessage()).contains("no user was given");
                    });
            assertThatThrownBy(() -> call("put", anonymous.getKVClient().put(bytes(LEADER), bytes("pg-evil"))))
                    .isInstanceOfSatisfying(
                            PghaException.class, e -> assertThat(e.kind()).isEqualTo(PghaException.Kind.UNAUTHORIZED));
            assertThatThrownBy(() -> call("delete", anonymous.getKVClient().delete(bytes(LEADER))))
                    .isInstanceOfSatisfying(
                            PghaException.class, e -> assertThat(e.kind()).isEqualTo(PghaException.Kind.UNAUTHORIZED));
        }
        // plain HTTP: etcd's TLS listener answers its gateway with no key, and jetcd's plain channel never connects
        HttpClient plain =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        int status;
        try {
            status = send(
                    plain, "POST", "http://127.0.0.1:23791/v3/kv/deleterange", "{\"key\":\"" + base64(LEADER) + "\"}");
        } catch (IOException refused) {
            status = -1;
        }
        assertThat(status).as("a plain-HTTP delete of the leader key").isNotEqualTo(200);
        try (Client http = EtcdClientFactory.create(
                List.of(ETCD.replace("https://", "http://")), Optional.empty(), Duration.ofSeconds(3))) {
            assertThatThrownBy(() -> call("delete", http.getKVClient().delete(bytes(LEADER))))
                    .isInstanceOf(PghaException.class);
        }
        assertThat(leaderKey()).as("the leader key after the hostile calls").isEqualTo(leaderBefore);
    }

    @Test
    @Order(7)
    void patronisEtcdUserCannotWriteOutsideItsScope() {
        try (Client patroni = EtcdClientFactory.create(
                List.of(ETCD), as("patroni", etcdPasswords().patroni()), CALL)) {
            assertThat(call("read", patroni.getKVClient().get(bytes(LEADER))).getKvs())
                    .as("its own scope")
                    .hasSize(1);
            for (String outside :
                    List.of("/service/other/leader", "/service/pg-ha2/leader", "/pgha/pg-ha/supervisor", "/x")) {
                assertThatThrownBy(() ->
                                call("put " + outside, patroni.getKVClient().put(bytes(outside), bytes("x"))))
                        .as(outside)
                        .isInstanceOfSatisfying(PghaException.class, e -> {
                            assertThat(e.kind()).isEqualTo(PghaException.Kind.UNAUTHORIZED);
                            assertThat(e.getMessage()).contains("permission denied");
                        });
            }
        }
    }

    @Test
    @Order(8)
    void fromAContainerOnTheStackNetworkEtcdIsClosedWithoutAUser() {
        String etcdctl = "etcdctl --dial-timeout=3s --command-timeout=5s";
        String tls = etcdctl + " --endpoints=https://etcd-1:2379 --cacert=/ca.crt";
        String script = String.join(
                "\n",
                "run() { name=$1; shift; \"$@\" >/tmp/o 2>&1; echo \"$name=$? $(tail -n 1 /tmp/o | head -c 300)\"; }",
                "run get " + tls + " get " + LEADER,
                "run put " + tls + " put " + LEADER + " pg-evil",
                "run del " + tls + " del " + LEADER,
                "run plain " + etcdctl + " --endpoints=http://etcd-2:2379 del " + LEADER,
                "run status " + tls + " endpoint status");
        String leaderBefore = leaderKey();
        Commands.Result r = docker(
                "run",
                "--rm",
                "--network",
                NETWORK,
                "-v",
                ca + ":/ca.crt:ro",
                "--entrypoint",
                "bash",
                PROBE_IMAGE,
                "-c",
                script);
        String out = r.stdout();
        System.out.println("etcd from the network without a user:\n" + out);
        assertThat(out)
                .as(r.stdout() + r.stderr())
                .containsPattern("get=1 .*user name is empty")
                .containsPattern("put=1 .*user name is empty")
                .containsPattern("del=1 .*user name is empty")
                .containsPattern("plain=[1-9]")
                .as("the member answers a TLS client that trusts the cluster's CA")
                .contains("status=0");
        assertThat(leaderKey()).isEqualTo(leaderBefore);
    }

    @Test
    @Order(9)
    void patroniAndTheSupervisorWorkWithTheirUsersAndASecondUpChangesNothingInEtcd() {
        await("the supervisor's heartbeat in etcd (its container healthy)")
                .atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> docker("inspect", "--format", "{{.State.Health.Status}}", "pg-supervisor")
                        .stdout()
                        .strip()
                        .equals("healthy"));
        Cli.Result again = Cli.runOk("up", "--images", "local", "--json");
        assertThat(again.stdout())
                .containsPattern("\"step\":\"etcd-auth\".*\"status\":\"skipped\"")
                .contains("in place, authentication on");
        // pgha's own client: etcd's view and its members' status over TLS as etcd's user pgha
        await("pgha status sees etcd through its user pgha")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    JsonNode status =
                            JSON.readTree(Cli.runOk("status", "--json").stdout());
                    assertThat(status.path("etcd").path("quorum").asBoolean()).isTrue();
                    assertThat(status.path("etcd").path("members"))
                            .hasSize(3)
                            .allSatisfy(
                                    m -> assertThat(m.path("health").asText()).isEqualTo("UP"));
                    JsonNode dcs = null;
                    for (JsonNode source : status.path("sources")) {
                        if (source.path("source").asText().equals("DCS")) {
                            dcs = source;
                        }
                    }
                    assertThat(dcs).isNotNull();
                    assertThat(dcs.path("available").asBoolean())
                            .as(dcs.toString())
                            .isTrue();
                });
    }

    private static EtcdPasswords etcdPasswords() {
        return new CredentialStore(configDir).get("pg-ha").etcd();
    }

    /** The cluster's CA, no user. */
    private static Optional<EtcdAuth> caOnly() {
        return Optional.of(new EtcdAuth(
                Optional.empty(), Optional.empty(), Optional.of(ca.toString()), Optional.empty(), Optional.empty()));
    }

    /** The cluster's CA and an etcd user. */
    private static Optional<EtcdAuth> as(String user, String password) {
        return Optional.of(new EtcdAuth(
                Optional.of(user),
                Optional.of(password),
                Optional.of(ca.toString()),
                Optional.empty(),
                Optional.empty()));
    }

    /** The leader key's value, read as pgha's own etcd user. */
    private static String leaderKey() {
        try (Client c = EtcdClientFactory.create(
                List.of(ETCD), as("pgha", etcdPasswords().pgha()), CALL)) {
            var kvs = call("read the leader key", c.getKVClient().get(bytes(LEADER)))
                    .getKvs();
            return kvs.isEmpty() ? "" : kvs.getFirst().getValue().toString(StandardCharsets.UTF_8);
        }
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    private static String base64(String s) {
        return java.util.Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static <T> T call(String what, CompletableFuture<T> f) {
        try {
            return f.get(CALL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw EtcdErrors.translate(what, e);
        }
    }

    private static String leader() throws Exception {
        HttpClient trusting = HttpClient.newBuilder()
                .sslContext(ClusterTrust.sslContext(ca.toString()))
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        HttpResponse<String> r = trusting.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:8008/cluster"))
                        .timeout(Duration.ofSeconds(3))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode m : JSON.readTree(r.body()).path("members")) {
            if (m.path("role").asText().equals("leader")) {
                return m.path("name").asText();
            }
        }
        return "";
    }

    private static Path otherCa() throws IOException {
        Path dir = Files.createTempDirectory("pgha-it-forged");
        ClusterPki forged = new ClusterPki(dir, "forged", Clock.systemUTC());
        forged.ensure(new CertificateRequest("pg-0", List.of("pg-0", "localhost"), List.of("127.0.0.1")));
        return forged.caFile();
    }

    private static int send(HttpClient client, String method, String url, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return client.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Connection connect(int port, String user, String password, String sslMode, Path rootCert)
            throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", "3");
        p.setProperty("socketTimeout", "10");
        p.setProperty("sslmode", sslMode);
        if (rootCert != null) {
            p.setProperty("sslrootcert", rootCert.toString());
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/app", p);
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
