package io.pgha.runtime.dcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterConnection.EtcdAuth;
import io.pgha.runtime.pki.ClusterPki;
import io.pgha.runtime.testsupport.Cli;
import io.pgha.runtime.testsupport.Commands;
import io.pgha.runtime.testsupport.TestMachine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A one-member etcd (pgha/etcd:local) with client and peer TLS from certificates of a {@link ClusterPki}, secured by
 * {@link EtcdAccessControl}: the hostile client is refused (no user, no CA, a wrong name), each role can do what its
 * client needs and nothing beyond its keys, and {@code pgha attach} with TLS and a user works. Its own container
 * (pgha-etcdtls-*), removed afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EtcdSecurityIT {

    private static final String SCOPE = "pg-ha";
    private static final String LEADER = "/service/pg-ha/leader";
    private static final Duration CALL = Duration.ofSeconds(5);
    private static final String CONTAINER =
            "pgha-etcdtls-" + UUID.randomUUID().toString().substring(0, 8);

    private static Path dir;
    private static ClusterPki pki;
    private static String endpoint;
    private static Map<String, String> passwords;

    @BeforeAll
    static void startASecuredEtcd() throws Exception {
        // only the etcd image is needed: the shared local images are not rebuilt for it
        TestMachine.requireDocker();
        Commands.Result image = Commands.run(Duration.ofSeconds(30), "docker", "image", "inspect", "pgha/etcd:local");
        if (!image.ok()) {
            TestMachine.requireDockerWithLocalImages();
        }
        dir = Files.createTempDirectory("pgha-etcdtls-it");
        pki = new ClusterPki(dir.resolve("pki"), "etcdtls-it", Clock.systemUTC());
        pki.ensure(EtcdMemberTls.certificateRequest("etcd-1"));

        Path tls = dir.resolve("run/pgha/tls");
        Files.createDirectories(tls);
        Files.copy(pki.caFile(), tls.resolve("ca.crt"));
        Files.copy(pki.certificateFile("etcd-1"), tls.resolve("server.crt"));
        Files.copy(pki.keyFile("etcd-1"), tls.resolve("server.key"));

        List<String> create =
                new ArrayList<>(List.of("docker", "create", "--name", CONTAINER, "-p", "127.0.0.1::2379"));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ETCD_NAME", "etcd-1");
        env.put("ETCD_DATA_DIR", "/etcd-data");
        env.put("ETCD_INITIAL_CLUSTER_STATE", "new");
        env.put("ETCD_INITIAL_CLUSTER_TOKEN", CONTAINER);
        env.putAll(EtcdMemberTls.environment(
                "etcd-1", List.of("etcd-1"), EtcdMemberTls.Files.in(EtcdMemberTls.DEFAULT_TLS_DIR), false));
        env.forEach((k, v) -> create.addAll(List.of("-e", k + "=" + v)));
        create.add("pgha/etcd:local");
        Commands.runOk(Duration.ofSeconds(60), create.toArray(String[]::new));
        Commands.runOk(
                Duration.ofSeconds(60), "docker", "cp", dir.resolve("run/pgha").toString(), CONTAINER + ":/run/pgha");
        Commands.runOk(Duration.ofSeconds(60), "docker", "start", CONTAINER);
        String port = publishedPort();
        endpoint = "https://127.0.0.1:" + port;
        passwords = Map.of(
                EtcdAccessPolicy.ROOT, "root-" + UUID.randomUUID(),
                EtcdAccessPolicy.PATRONI, "patroni-" + UUID.randomUUID(),
                EtcdAccessPolicy.SUPERVISOR, "supervisor-" + UUID.randomUUID(),
                EtcdAccessPolicy.PGHA, "pgha-" + UUID.randomUUID());
        await("etcd serves TLS clients")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .ignoreExceptions()
                .until(() -> {
                    try (Client c = EtcdClientFactory.create(List.of(endpoint), caOnly(), CALL)) {
                        c.getKVClient().get(bytes("/")).get(2, TimeUnit.SECONDS);
                        return true;
                    }
                });
    }

    @AfterAll
    static void removeIt() {
        System.clearProperty("pgha.config.dir");
        Commands.run(Duration.ofSeconds(60), "docker", "rm", "-f", "-v", CONTAINER);
    }

    private static Optional<EtcdAuth> caOnly() {
        return Optional.of(new EtcdAuth(
                Optional.empty(),
                Optional.empty(),
                Optional.of(pki.caFile().toString()),
                Optional.empty(),
                Optional.empty()));
    }

    private static Optional<EtcdAuth> as(String user) {
        return Optional.of(new EtcdAuth(
                Optional.of(user),
                Optional.of(passwords.get(user)),
                Optional.of(pki.caFile().toString()),
                Optional.empty(),
                Optional.empty()));
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    private static <T> T call(String what, CompletableFuture<T> f) {
        try {
            return f.get(CALL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw EtcdErrors.translate(what, e);
        }
    }

    private static void put(Client c, String key, String value) {
        call("put " + key, c.getKVClient().put(bytes(key), bytes(value)));
    }

    @Test
    @Order(1)
    void theBootstrapSecuresEtcdOnceAndAgainChangesNothing() {
        EtcdAccessControl control = EtcdAccessControl.withCa(
                List.of(endpoint), Optional.of(pki.caFile().toString()), CALL);
        EtcdAccessPolicy policy = EtcdAccessPolicy.forScope("/service/", SCOPE);

        EtcdAccessControl.Result first = control.apply(policy, passwords);
        System.out.println("first bootstrap: " + first.changes());
        assertThat(first.authenticationWasOn()).isFalse();
        assertThat(first.changes()).contains("authentication turned on", "user pgha-supervisor added");

        EtcdAccessControl.Result second = control.apply(policy, passwords);
        assertThat(second.authenticationWasOn()).isTrue();
        assertThat(second.changes()).isEmpty();
    }

    @Test
    @Order(2)
    void aClientWithoutCredentialsCannotTouchTheLeaderKey() {
        try (Client anonymous = EtcdClientFactory.create(List.of(endpoint), caOnly(), CALL)) {
            assertThatThrownBy(() -> call("get", anonymous.getKVClient().get(bytes(LEADER))))
                    .isInstanceOfSatisfying(PghaException.class, e -> {
                        System.out.println("anonymous get: " + e.getMessage());
                        assertThat(e.kind()).isEqualTo(PghaException.Kind.UNAUTHORIZED);
                        assertThat(e.getMessage()).contains("no user was given");
                    });
            assertThatThrownBy(() -> put(anonymous, LEADER, "pg-evil")).isInstanceOf(PghaException.class);
            assertThatThrownBy(() -> call("delete", anonymous.getKVClient().delete(bytes(LEADER))))
                    .isInstanceOf(PghaException.class);
        }
        try (Client wrongPassword = EtcdClientFactory.create(
                List.of(endpoint),
                Optional.of(new EtcdAuth(
                        Optional.of(EtcdAccessPolicy.PGHA),
                        Optional.of("guessed"),
                        Optional.of(pki.caFile().toString()),
                        Optional.empty(),
                        Optional.empty())),
                CALL)) {
            assertThatThrownBy(() -> call("get", wrongPassword.getKVClient().get(bytes(LEADER))))
                    .isInstanceOfSatisfying(PghaException.class, e -> {
                        System.out.println("wrong password: " + e.getMessage());
                        assertThat(e.kind()).isEqualTo(PghaException.Kind.UNAUTHORIZED);
                        assertThat(e.getMessage()).contains("refused the user name or password");
                    });
        }
    }

    @Test
    @Order(3)
    void aClientThatDoesNotTrustTheClusterCaIsRefusedByTls() {
        Optional<EtcdAuth> noCa = Optional.of(new EtcdAuth(
                Optional.of(EtcdAccessPolicy.PGHA),
                Optional.of(passwords.get(EtcdAccessPolicy.PGHA)),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
        try (Dcs dcs = Dcs.connect(List.of(endpoint), noCa)) {
            assertThatThrownBy(() -> dcs.read(SCOPE, CALL)).isInstanceOfSatisfying(PghaException.class, e -> {
                System.out.println("no CA: " + e.getMessage());
                assertThat(e.getMessage()).contains("unknown CA");
            });
        }
        // a plain-text client gets nowhere either
        try (Dcs dcs = Dcs.connect(List.of(endpoint.replace("https://", "http://")), Optional.empty())) {
            assertThatThrownBy(() -> dcs.read(SCOPE, Duration.ofSeconds(3)))
                    .isInstanceOfSatisfying(PghaException.class, e -> {
                        System.out.println("plain: " + e.getMessage());
                        assertThat(e.getMessage()).contains("speaks TLS");
                    });
        }
    }

    @Test
    @Order(5)
    void patroniWritesItsScopeAndNothingElse() {
        try (Client patroni = EtcdClientFactory.create(List.of(endpoint), as(EtcdAccessPolicy.PATRONI), CALL)) {
            put(
                    patroni,
                    "/service/pg-ha/members/pg-0",
                    "{\"conn_url\":\"postgres://127.0.0.1:1/postgres\",\"api_url\":\"http://127.0.0.1:1/patroni\","
                            + "\"state\":\"running\",\"role\":\"primary\",\"version\":\"4.0.4\",\"timeline\":1}");
            put(patroni, LEADER, "pg-0");
            put(patroni, "/service/pg-ha/config", "{\"ttl\":30}");
            for (String outside :
                    List.of("/service/other/leader", "/service/pg-ha2/leader", "/pgha/pg-ha/supervisor", "/x")) {
                assertThatThrownBy(() -> put(patroni, outside, "pg-0"))
                        .as(outside)
                        .isInstanceOfSatisfying(PghaException.class, e -> {
                            assertThat(e.kind()).isEqualTo(PghaException.Kind.UNAUTHORIZED);
                            assertThat(e.getMessage()).contains("permission denied");
                        });
            }
        }
    }

    @Test
    @Order(6)
    void theSupervisorFencesTheLeaderKeyButCannotRewriteTheConfig() {
        try (EtcdSession session = EtcdSession.open(List.of(endpoint), as(EtcdAccessPolicy.SUPERVISOR), CALL)) {
            LeaderKey key = session.leaderKey("/service/", SCOPE, CALL);
            LeaderKey.Holder holder = key.read();
            assertThat(holder.member()).contains("pg-0");
            session.stateKey(EtcdAccessPolicy.supervisorStateKey(SCOPE), Duration.ofSeconds(10), CALL)
                    .publish("{\"alive\":true}");
            assertThat(key.deleteIfHeldBy("pg-0", holder.modRevision())).isTrue();
        }
        try (Client supervisor = EtcdClientFactory.create(List.of(endpoint), as(EtcdAccessPolicy.SUPERVISOR), CALL)) {
            assertThatThrownBy(() -> put(supervisor, "/service/pg-ha/config", "{\"ttl\":1}"))
                    .isInstanceOfSatisfying(
                            PghaException.class, e -> assertThat(e.getMessage()).contains("permission denied"));
            assertThatThrownBy(() -> put(supervisor, "/service/pg-ha/members/pg-9", "{}"))
                    .isInstanceOf(PghaException.class);
        }
    }

    @Test
    @Order(7)
    void pghasClientReadsAndWritesThroughTheAdapter() {
        try (Client patroni = EtcdClientFactory.create(List.of(endpoint), as(EtcdAccessPolicy.PATRONI), CALL)) {
            put(patroni, LEADER, "pg-0");
        }
        ClusterConnection c = new ClusterConnection(
                        "etcdtls-it",
                        SCOPE,
                        List.of(endpoint),
                        Optional.of(new EtcdAuth(
                                Optional.of(EtcdAccessPolicy.PGHA),
                                Optional.of(passwords.get(EtcdAccessPolicy.PGHA)),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty())),
                        Map.of(),
                        Optional.empty(),
                        Optional.empty(),
                        ClusterConnection.Origin.ATTACHED)
                .withCaFile(Optional.of(pki.caFile().toString()));
        try (Dcs dcs = Dcs.connect(c)) {
            DcsView view = dcs.read(SCOPE, CALL);
            assertThat(view.leader()).contains("pg-0");
            assertThat(view.members()).extracting(m -> m.name()).containsExactly("pg-0");
            EtcdClusterStatus status = dcs.status(CALL);
            System.out.println("status as pgha: " + status);
        }
        try (EtcdSession session = EtcdSession.open(List.of(endpoint), EtcdClients.authOf(c), CALL)) {
            LeaderKey key = session.leaderKey("/service/", SCOPE, CALL);
            assertThat(key.deleteIfHeldBy("pg-0", key.read().modRevision())).isTrue();
        }
    }

    @Test
    @Order(8)
    void attachWithTlsAndAUserWorksInTheCli() throws Exception {
        try (Client patroni = EtcdClientFactory.create(List.of(endpoint), as(EtcdAccessPolicy.PATRONI), CALL)) {
            put(patroni, LEADER, "pg-0");
        }
        Path configDir = Files.createDirectories(dir.resolve("config"));
        System.setProperty("pgha.config.dir", configDir.toString());
        Path passwordFile = dir.resolve("etcd-pgha-password");
        Files.writeString(passwordFile, passwords.get(EtcdAccessPolicy.PGHA) + "\n");

        Cli.Result withoutCa = Cli.run(
                "attach",
                "tls-no-ca",
                "--etcd",
                endpoint,
                "--scope",
                SCOPE,
                "--etcd-user",
                "pgha",
                "--etcd-password-file",
                passwordFile.toString(),
                "--no-docker");
        System.out.println("attach without CA: " + withoutCa.describe());
        assertThat(withoutCa.exitCode()).isNotZero();
        assertThat(withoutCa.stderr()).contains("unknown CA");

        Cli.Result attach = Cli.run(
                "attach",
                "tls-it",
                "--etcd",
                endpoint,
                "--scope",
                SCOPE,
                "--etcd-user",
                "pgha",
                "--etcd-password-file",
                passwordFile.toString(),
                "--etcd-ca",
                pki.caFile().toString(),
                "--no-docker");
        System.out.println("attach: " + attach.describe());
        assertThat(attach.exitCode()).as(attach.describe()).isZero();
        assertThat(attach.stdout()).contains("attached tls-it (scope pg-ha): leader pg-0, 1 member");
        // the saved cluster reaches etcd again, over TLS and as pgha, with the password kept outside cluster.json
        assertThat(Files.readString(
                        io.pgha.runtime.cluster.ConfigDirs.cluster("tls-it").resolve("cluster.json")))
                .doesNotContain(passwords.get(EtcdAccessPolicy.PGHA));
        ClusterConnection saved = new io.pgha.runtime.cluster.ClusterRegistry().get("tls-it");
        try (Dcs dcs = Dcs.connect(saved)) {
            assertThat(dcs.read(SCOPE, CALL).leader()).contains("pg-0");
        }
    }

    @Test
    @Order(9)
    void theMembersHealthCheckPassesWithAuthenticationOn() {
        List<String> check = EtcdMemberTls.healthcheck(EtcdMemberTls.Files.in(EtcdMemberTls.DEFAULT_TLS_DIR));
        List<String> exec = new ArrayList<>(List.of("docker", "exec", CONTAINER));
        exec.addAll(check.subList(1, check.size()));
        Commands.Result r = Commands.run(Duration.ofSeconds(30), exec.toArray(String[]::new));
        System.out.println("health check: " + r.describe());
        assertThat(r.ok()).as(r.describe()).isTrue();
        assertThat(EtcdHealthEndpoint.healthy(endpoint, Optional.of(pki.caFile().toString()), CALL))
                .as("etcd's /health, anonymously, over TLS")
                .isTrue();
        assertThat(EtcdHealthEndpoint.healthy(endpoint, Optional.empty(), CALL))
                .as("not without the cluster's CA")
                .isFalse();
    }

    @Test
    @Order(10)
    void aCertificateForAnotherNameIsRefused() throws Exception {
        // etcd now serves a certificate of the cluster's CA that names only etcd-2: a client of 127.0.0.1 refuses it
        pki.ensure(new io.pgha.runtime.pki.CertificateRequest("etcd-2", List.of("etcd-2"), List.of()));
        Path tls = dir.resolve("run/pgha/tls");
        Files.copy(
                pki.certificateFile("etcd-2"),
                tls.resolve("server.crt"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(pki.keyFile("etcd-2"), tls.resolve("server.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Commands.runOk(Duration.ofSeconds(60), "docker", "cp", tls.toString() + "/.", CONTAINER + ":/run/pgha/tls");
        Commands.runOk(Duration.ofSeconds(60), "docker", "restart", CONTAINER);
        String moved = "https://127.0.0.1:" + publishedPort();
        // once it serves again, a client of 127.0.0.1 that trusts the cluster's CA refuses that certificate
        java.util.concurrent.atomic.AtomicReference<String> last =
                new java.util.concurrent.atomic.AtomicReference<>("");
        try (Dcs dcs = Dcs.connect(List.of(moved), as(EtcdAccessPolicy.PGHA))) {
            await("the client refuses a certificate for another name")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        try {
                            dcs.read(SCOPE, CALL);
                            throw new AssertionError("etcd answered although its certificate names another host");
                        } catch (PghaException e) {
                            last.set(e.kind() + ": " + e.getMessage());
                            return e.kind() == PghaException.Kind.UNAUTHORIZED
                                    && e.getMessage().contains("does not name the host");
                        }
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(
                    "last failure: " + last.get() + "\netcd's log:\n"
                            + Commands.run(Duration.ofSeconds(30), "docker", "logs", "--tail", "15", CONTAINER)
                                    .stderr(),
                    e);
        }
        System.out.println("wrong name: " + last.get());
    }

    private static String publishedPort() {
        return Commands.runOk(Duration.ofSeconds(30), "docker", "port", CONTAINER, "2379/tcp")
                .stdout()
                .lines()
                .filter(l -> l.startsWith("127.0.0.1:"))
                .findFirst()
                .orElseThrow()
                .substring("127.0.0.1:".length())
                .strip();
    }
}
