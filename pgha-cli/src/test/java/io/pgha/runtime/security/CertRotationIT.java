package io.pgha.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.dcs.EtcdHealthEndpoint;
import io.pgha.runtime.docker.DockerContainer;
import io.pgha.runtime.docker.DockerJavaEngine;
import io.pgha.runtime.docker.ExecResult;
import io.pgha.runtime.http.ClusterTrust;
import io.pgha.runtime.stack.RouterChecks;
import io.pgha.runtime.testsupport.Cli;
import io.pgha.runtime.testsupport.TestMachine;
import io.pgha.runtime.usecase.ForgetCluster;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * `pgha certs rotate` on a real stack made by `pgha up --images local` (a stack of its own: name "certs", its own
 * ports): while an application writes through the router with verify-full (a new connection every few writes), every
 * node gets a new certificate; afterwards the router's write port and each Patroni REST API serve a certificate with
 * a new serial that verifies against the cluster's CA, no write failed, writes go on, and the rotation is audited.
 * Then, on the same stack, `pgha certs rotate --ca`: a new CA while the application keeps writing (its sslrootcert the
 * cluster's ca.crt, a bundle during the roll), etcd's members restarting one at a time; afterwards everything (etcd's
 * client and peer ports included) verifies against the new CA alone and is refused with the old one, HAProxy holds the
 * new CA alone (it reloaded the final file) and routes a switchover, and the supervisor is back.
 */
@TestMethodOrder(OrderAnnotation.class)
class CertRotationIT {

    // a stack and ports of its own (not the default stack's, nor those of other tests' stacks on a shared engine)
    private static final String NAME = "certs";
    private static final int WRITE = 15100;
    private static final int READ = 15101;
    private static final int STATS = 18504;
    private static final int PATRONI = 18108;
    private static final int ETCD = 33891;
    private static final int EXPORTER = 19287;
    // its Prometheus too (the default stack of a CI run publishes 9090)
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path configDir;
    private static Path ca;
    private static JsonNode app;

    @BeforeAll
    static void stack() throws IOException {
        TestMachine.requireDockerWithLocalImages();
        configDir = Files.createTempDirectory("pgha-it-certs");
        System.setProperty("pgha.config.dir", configDir.toString());
        Cli.run("down", "--name", NAME, "--volumes", "--yes");
        Cli.runOk(
                "up",
                "--images",
                "local",
                "--name",
                NAME,
                "--write-port",
                String.valueOf(WRITE),
                "--read-port",
                String.valueOf(READ),
                "--stats-port",
                String.valueOf(STATS),
                "--patroni-port",
                String.valueOf(PATRONI),
                "--etcd-port",
                String.valueOf(ETCD),
                "--exporter-port",
                String.valueOf(EXPORTER),
                "--prometheus-port",
                "19190");
        ca = configDir.resolve("clusters/" + NAME + "/pki/ca.crt");
        app = JSON.readTree(Cli.runOk("credentials", NAME, "--json").stdout()).path("application");
    }

    @AfterAll
    static void leaveNothing() {
        Cli.run("down", "--name", NAME, "--volumes", "--yes");
        System.clearProperty("pgha.config.dir");
    }

    @Test
    @Order(1)
    void rotatesEveryNodeCertificateWhileWritesFlowThroughVerifiedTls() throws Exception {
        JsonNode before = JSON.readTree(
                Cli.runOk("certs", "status", "--cluster", NAME, "--json").stdout());
        assertThat(before)
                .extracting(e -> e.path("name").asText())
                .containsExactly("ca", "etcd-1", "etcd-2", "etcd-3", "pg-0", "pg-1", "pg-2");
        assertThat(before).allSatisfy(e -> assertThat(e.path("level").asText()).isEqualTo("OK"));
        Map<String, BigInteger> served = servedSerials();
        assertThat(served.values()).doesNotContainNull();
        assertThat(served.get("postgres via 127.0.0.1:" + WRITE))
                .as("the leader's, through the router")
                .isIn(served.values());

        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE rotation_writes (id bigint PRIMARY KEY, at timestamptz DEFAULT now())");
        }
        Writer writer = new Writer("rotation_writes");
        CompletableFuture<Void> writing = CompletableFuture.runAsync(writer::run);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> writer.ok.get() >= 20);
            awaitLeaderSeen();

            java.time.Instant rotationStart = java.time.Instant.now();
            Cli.Result rotate = Cli.runOk("certs", "rotate", "--cluster", NAME, "--yes");
            System.out.println("certs rotate, " + rotationStart + " to " + java.time.Instant.now() + ":\n"
                    + rotate.stdout() + rotate.stderr());

            assertThat(rotate.stdout()).contains("certs-rotate: new certificates on");
            assertThat(rotate.stderr())
                    .contains("the leader last")
                    .contains("serves certificate")
                    .contains("etcd-3 serves certificate")
                    .contains("without a restart");
            int atRotation = writer.ok.get();
            await().atMost(Duration.ofSeconds(60)).until(() -> writer.ok.get() >= atRotation + 20);
        } finally {
            writer.stop.set(true);
            writing.get(30, TimeUnit.SECONDS);
        }
        assertThat(writer.failures)
                .as("writes through 127.0.0.1:%d during the rotation", WRITE)
                .isEmpty();

        Map<String, BigInteger> after = servedSerials();
        for (String where : served.keySet()) {
            assertThat(after.get(where)).as(where + " serves a new certificate").isNotEqualTo(served.get(where));
        }
        JsonNode status = JSON.readTree(
                Cli.runOk("certs", "status", "--cluster", NAME, "--json").stdout());
        Map<String, String> oldSerials = serialsByName(before);
        Map<String, String> newSerials = serialsByName(status);
        for (String node : List.of("pg-0", "pg-1", "pg-2")) {
            assertThat(newSerials.get(node)).as(node).isNotEqualTo(oldSerials.get(node));
            assertThat(after.values()).contains(new BigInteger(newSerials.get(node), 16));
        }
        assertThat(newSerials.get("ca")).as("the CA is kept without --ca").isEqualTo(oldSerials.get("ca"));
        for (String member : List.of("etcd-1", "etcd-2", "etcd-3")) {
            assertThat(newSerials.get(member))
                    .as(member + " has a new certificate of the same CA")
                    .isNotEqualTo(oldSerials.get(member));
        }
        Map<String, BigInteger> etcdRenewed = etcdClientSerials(configDir.resolve("clusters/" + NAME + "/pki/ca.crt"));
        for (String member : List.of("etcd-1", "etcd-2", "etcd-3")) {
            assertThat(etcdRenewed.get(member))
                    .as(member + "'s client port serves its new certificate, without a restart")
                    .isEqualTo(new BigInteger(newSerials.get(member), 16));
        }
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT count(*) FROM rotation_writes");
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(writer.ok.get());
        }
        String audit = Files.readString(configDir.resolve("clusters/" + NAME + "/audit.jsonl"));
        assertThat(audit).contains("\"operation\":\"certs-rotate\"").contains("\"outcome\":\"SUCCEEDED\"");
        Cli.Result pghaStatus = Cli.runOk("status", NAME, "--json");
        assertThat(pghaStatus.stdout().toLowerCase()).contains("certificate_expiry");
    }

    /**
     * A new CA on a stack whose etcd speaks TLS with the cluster CA (ADR 0020): while an application writes through the
     * router (verify-full, its sslrootcert the cluster's ca.crt, a bundle during the roll) and a watcher asks etcd's
     * three members for their /health, the whole roll runs, etcd's members restarting one at a time three times.
     * Afterwards every certificate (PostgreSQL, Patroni's REST API, etcd's client and peer ports) chains to the new CA,
     * a client holding the old CA alone is refused everywhere, and pgha, Patroni and the supervisor still work.
     */
    @Test
    @Order(2)
    void rotatesTheCaEtcdIncludedWhileWritesFlowThenTrustsTheNewCaAlone() throws Exception {
        JsonNode before = JSON.readTree(
                Cli.runOk("certs", "status", "--cluster", NAME, "--json").stdout());
        Path oldCa = Files.createTempFile(configDir, "old-ca", ".crt");
        Files.copy(ca, oldCa, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(certificates(oldCa)).hasSize(1);
        Map<String, BigInteger> served = servedSerials();
        Map<String, BigInteger> etcdServed = etcdClientSerials(ca);
        String patroniLeader = awaitLeaderSeen();

        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ca_rotation_writes (id bigint PRIMARY KEY, at timestamptz DEFAULT now())");
        }
        Writer writer = new Writer("ca_rotation_writes");
        QuorumWatch quorum = new QuorumWatch();
        // threads of their own: the common pool has a single thread on a 2-CPU machine, which the writer would keep
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        CompletableFuture<Void> writing = CompletableFuture.runAsync(writer::run, threads);
        CompletableFuture<Void> watching = CompletableFuture.runAsync(quorum::run, threads);
        Cli.Result rotate;
        Instant rotationStart;
        Duration rotationTook;
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> writer.ok.get() >= 20);
            await().atMost(Duration.ofSeconds(60)).until(() -> quorum.samples.get() >= 3);

            rotationStart = Instant.now();
            rotate = Cli.run("certs", "rotate", "--cluster", NAME, "--ca", "--yes");
            rotationTook = Duration.between(rotationStart, Instant.now());
            System.out.println("certs rotate --ca:\n" + rotate.stdout() + rotate.stderr());
            assertThat(rotate.exitCode()).as(rotate.describe()).isZero();

            int atRotation = writer.ok.get();
            await().atMost(Duration.ofSeconds(60)).until(() -> writer.ok.get() >= atRotation + 20);
        } finally {
            writer.stop.set(true);
            quorum.stop.set(true);
            writing.get(30, TimeUnit.SECONDS);
            watching.get(30, TimeUnit.SECONDS);
            threads.shutdown();
        }
        System.out.println("CA rotation (etcd included) took " + rotationTook.toMillis() + " ms under writes: "
                + writer.ok.get() + " rows acknowledged, " + writer.failures.size() + " failed attempts, longest"
                + " failing " + writer.longestOutage.toMillis() + " ms"
                + (writer.failures.isEmpty() ? "" : ": " + writer.failures) + "; etcd /health sampled "
                + quorum.samples.get() + " times, " + quorum.withoutMajority.get() + " samples with fewer than 2 of 3"
                + " members healthy, longest " + quorum.longestWithoutMajority.toMillis() + " ms");
        System.out.println(patroniDuring(rotationStart));
        assertThat(rotate.stdout())
                .contains("certs-rotate: new certificates on")
                .contains("etcd members");
        assertThat(rotate.stderr())
                .contains("new CA ")
                .contains("its new process checked every server")
                .contains("supervisor restarted")
                .contains("restart etcd member etcd-1")
                .contains("etcd-3 serves certificate")
                .contains("to clients and peers")
                .contains("the 3 etcd members healthy again")
                .contains("the previous CA is trusted no more");

        // every acknowledged row is there; writes failed at most for one HAProxy check interval; etcd kept a majority
        List<Long> acknowledged = new ArrayList<>(writer.acknowledged);
        try (Connection c = connect();
                var q = c.prepareStatement("SELECT count(*) FROM ca_rotation_writes WHERE id = ANY (?)")) {
            q.setArray(1, c.createArrayOf("bigint", acknowledged.toArray()));
            var rs = q.executeQuery();
            rs.next();
            assertThat(rs.getLong(1)).as("acknowledged rows present").isEqualTo(acknowledged.size());
        }
        assertThat(writer.longestOutage)
                .as("longest run of failed writes through 127.0.0.1:%d (%s)", WRITE, writer.failures)
                .isLessThanOrEqualTo(Duration.ofMillis(RouterChecks.FAST.interMs()));
        assertThat(quorum.longestWithoutMajority)
                .as("longest time fewer than 2 of etcd's 3 members answered healthy (a leader handover, not a"
                        + " member down: one restarts at a time)")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(statusLeader())
                .as("Patroni's leader (no failover during the roll)")
                .isEqualTo(patroniLeader);

        // ca.crt is the new CA alone; every endpoint chains to it, and is refused with the old CA alone
        List<X509Certificate> trusted = certificates(ca);
        assertThat(trusted).hasSize(1);
        X509Certificate newCa = trusted.get(0);
        X509Certificate previousCa = certificates(oldCa).get(0);
        assertThat(newCa.getSerialNumber()).isNotEqualTo(previousCa.getSerialNumber());
        Map<String, BigInteger> after = servedSerials();
        after.put("postgres via 127.0.0.1:" + READ, peerSerial(READ, true));
        for (String where : served.keySet()) {
            assertThat(after.get(where)).as(where + " serves a new certificate").isNotEqualTo(served.get(where));
        }
        for (int n = 0; n < 3; n++) {
            int port = PATRONI + n;
            assertThatThrownBy(() -> peerSerial(port, false, oldCa))
                    .as("Patroni pg-%d with the old CA alone", n)
                    .isInstanceOf(SSLException.class);
        }
        for (int port : List.of(WRITE, READ)) {
            assertThatThrownBy(() -> peerSerial(port, true, oldCa))
                    .as("PostgreSQL via 127.0.0.1:%d with the old CA alone", port)
                    .isInstanceOf(SSLException.class);
        }
        Properties oldTrust = login();
        oldTrust.setProperty("sslrootcert", oldCa.toString());
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + WRITE + "/app", oldTrust))
                .as("an application that holds the old CA only")
                .isInstanceOf(SQLException.class);

        // etcd: each member's client port serves a new certificate of the new CA (verified with it, name 127.0.0.1),
        // refused with the old CA alone; its peer port serves one signed by the new CA and not by the old one
        Map<String, BigInteger> etcdAfter = etcdClientSerials(ca);
        for (int m = 1; m <= 3; m++) {
            String member = "etcd-" + m;
            assertThat(etcdAfter.get(member))
                    .as(member + " serves a new certificate")
                    .isNotEqualTo(etcdServed.get(member));
            int port = ETCD + m - 1;
            assertThatThrownBy(() -> tlsSerial(port, oldCa))
                    .as("etcd %s client port with the old CA alone", member)
                    .isInstanceOf(SSLException.class);
        }
        try (DockerJavaEngine docker = DockerJavaEngine.local()) {
            Map<String, String> etcd = containersByService(docker, "etcd");
            assertThat(etcd).hasSize(3);
            for (String member : etcd.keySet()) {
                for (int port : List.of(2379, 2380)) {
                    X509Certificate cert = servedInside(docker, etcd.get("etcd-1"), member, port);
                    assertThat(cert.getIssuerX500Principal()).isEqualTo(newCa.getSubjectX500Principal());
                    cert.verify(newCa.getPublicKey());
                    assertThatThrownBy(() -> cert.verify(previousCa.getPublicKey()))
                            .as("%s:%d is not signed by the old CA", member, port)
                            .isInstanceOf(java.security.SignatureException.class);
                }
            }
        }

        JsonNode status = JSON.readTree(
                Cli.runOk("certs", "status", "--cluster", NAME, "--json").stdout());
        assertThat(status.get(0).path("serial").asText())
                .isNotEqualTo(before.get(0).path("serial").asText());
        assertThat(new BigInteger(status.get(0).path("serial").asText(), 16)).isEqualTo(newCa.getSerialNumber());
        assertThat(status).allSatisfy(e -> assertThat(e.path("level").asText()).isEqualTo("OK"));
        Map<String, String> oldSerials = serialsByName(before);
        Map<String, String> newSerials = serialsByName(status);
        for (String name : oldSerials.keySet()) {
            assertThat(newSerials.get(name)).as(name + " renewed").isNotEqualTo(oldSerials.get(name));
        }

        // HAProxy reloaded the final CA file: it holds the new CA alone, and its server-state file is gone
        try (DockerJavaEngine docker = DockerJavaEngine.local()) {
            String router =
                    containersByService(docker, "router").values().iterator().next();
            ExecResult caFile = docker.exec(router, routerApi("show ssl ca-file /run/pgha/tls/ca.crt"), EXEC);
            assertThat(caFile.stdout())
                    .as(caFile.stdout() + caFile.stderr())
                    .containsOnlyOnce("Certificate #")
                    .containsIgnoringCase(newCa.getSerialNumber().toString(16));
            assertThat(docker.exec(router, List.of("test", "-e", "/var/lib/haproxy/server-state"), EXEC)
                            .exitCode())
                    .as("the server-state file is removed after the reload")
                    .isNotZero();
            String supervisor = containersByService(docker, "supervisor")
                    .values()
                    .iterator()
                    .next();
            await("the supervisor healthy again (its heartbeat written to etcd)")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> health(supervisor).equals("healthy"));
        }

        // pgha status (a new process: the new CA alone) sees etcd's quorum over TLS; a switchover works (Patroni
        // writes etcd through its client trusting the new CA alone) and the router follows it
        await("pgha status sees etcd's three members and the leader")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    JsonNode s =
                            JSON.readTree(Cli.runOk("status", NAME, "--json").stdout());
                    assertThat(s.path("etcd").path("quorum").asBoolean()).isTrue();
                    assertThat(s.path("etcd").path("members"))
                            .hasSize(3)
                            .allSatisfy(
                                    m -> assertThat(m.path("health").asText()).isEqualTo("UP"));
                    assertThat(s.path("leader").asText()).startsWith("pg-");
                });
        String leader = leaderByCertificate();
        Cli.Result switchover = Cli.run("switchover", "--cluster", NAME, "--yes");
        assertThat(switchover.exitCode()).as(switchover.describe()).isZero();
        await("the router's write port on the new leader")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .ignoreExceptions()
                .until(() -> !leaderByCertificate().equals(leader) && writesOnPrimary());
    }

    /**
     * Task of issue 18 (ADR 0019): a stack made by `pgha up` and then forgotten (the console's Forget keeps its
     * credentials and CA) is attached again with `pgha attach NAME` and no other flag: its etcd is found with https
     * endpoints on the published ports, trusted with the CA pgha keeps for it, as etcd's user pgha; `pgha status` then
     * reads etcd and Patroni through the saved connection (the password outside cluster.json).
     */
    @Test
    @Order(3)
    void attachWithoutFlagsFindsTheStacksEtcdTlsCaAndLogin() throws Exception {
        ForgetCluster forget = new ForgetCluster(new ClusterRegistry());
        forget.forget(forget.plan(NAME, false, true));
        Path dir = configDir.resolve("clusters/" + NAME);
        assertThat(dir.resolve("cluster.json")).doesNotExist();
        assertThat(dir.resolve("credentials.json")).exists();

        Cli.Result attach = Cli.run("attach", NAME);

        System.out.println("pgha attach " + NAME + ":\n" + attach.stdout() + attach.stderr());
        assertThat(attach.exitCode()).as(attach.describe()).isZero();
        assertThat(attach.stdout())
                .contains("etcd       https://127.0.0.1:" + ETCD)
                .contains("trusting the CA pgha keeps for stack " + NAME)
                .contains("etcd login: user pgha");
        String saved = Files.readString(dir.resolve("cluster.json"));
        String pghaEtcdPassword = JSON.readTree(Files.readString(dir.resolve("credentials.json")))
                .path("etcd")
                .path("pgha")
                .asText();
        assertThat(pghaEtcdPassword).isNotBlank();
        assertThat(saved).contains("https://127.0.0.1:" + ETCD).doesNotContain(pghaEtcdPassword);
        await("pgha status of the attached stack sees etcd's quorum and the leader")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    JsonNode s =
                            JSON.readTree(Cli.runOk("status", NAME, "--json").stdout());
                    assertThat(s.path("etcd").path("quorum").asBoolean()).isTrue();
                    assertThat(s.path("etcd").path("members"))
                            .hasSize(3)
                            .allSatisfy(
                                    m -> assertThat(m.path("health").asText()).isEqualTo("UP"));
                    assertThat(s.path("leader").asText()).startsWith("pg-");
                });
    }

    /** The leader `pgha status` names, once it names one (a loaded machine answers slowly after `up`). */
    private static String awaitLeaderSeen() {
        return await("pgha status names a leader")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(2))
                .ignoreExceptions()
                .until(CertRotationIT::statusLeader, l -> l.startsWith("pg-"));
    }

    private static String statusLeader() throws IOException {
        return JSON.readTree(Cli.runOk("status", NAME, "--json").stdout())
                .path("leader")
                .asText();
    }

    /** Which node's certificate PostgreSQL serves through the router's write port (its serial). */
    private static String leaderByCertificate() throws IOException {
        return peerSerial(WRITE, true).toString(16);
    }

    private static boolean writesOnPrimary() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT pg_is_in_recovery()");
            rs.next();
            return !rs.getBoolean(1);
        }
    }

    /** The serial each etcd member serves on its published client port, verified (name 127.0.0.1) against trust. */
    private static Map<String, BigInteger> etcdClientSerials(Path trust) throws IOException {
        Map<String, BigInteger> serials = new LinkedHashMap<>();
        for (int m = 1; m <= 3; m++) {
            serials.put("etcd-" + m, tlsSerial(ETCD + m - 1, trust));
        }
        return serials;
    }

    private static BigInteger tlsSerial(int port, Path trust) throws IOException {
        return peerSerial(port, false, trust);
    }

    /**
     * The certificate {@code member} serves on {@code port} (2379 clients, 2380 peers) as seen from inside the
     * container {@code from} on the stack's network, showing the member's own certificate as a peer would.
     */
    private static X509Certificate servedInside(DockerJavaEngine docker, String from, String member, int port)
            throws Exception {
        ExecResult r = docker.exec(
                from,
                List.of(
                        "sh",
                        "-c",
                        "openssl s_client -connect " + member + ":" + port + " -servername " + member
                                + " -cert /run/pgha/tls/server.crt -key /run/pgha/tls/server.key </dev/null"
                                + " 2>/dev/null | openssl x509"),
                EXEC);
        assertThat(r.ok()).as(member + ":" + port + " " + r.stderr()).isTrue();
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(r.stdout().getBytes(StandardCharsets.US_ASCII)));
    }

    /** A runtime API command inside the router's container (its unix socket, with the image's python3). */
    private static List<String> routerApi(String command) {
        return List.of(
                "python3",
                "-c",
                "import socket,sys\n"
                        + "s=socket.socket(socket.AF_UNIX);s.settimeout(5);s.connect('/var/lib/haproxy/admin.sock')\n"
                        + "s.sendall((sys.argv[1]+'\\n').encode())\nout=b''\n"
                        + "while True:\n    d=s.recv(65536)\n    if not d: break\n    out+=d\n"
                        + "sys.stdout.write(out.decode())\n",
                command);
    }

    /** The stack's containers of a role, by service name (etcd-1, pg-router). */
    /**
     * What each node's Patroni said about etcd, its lock and its role while the CA rolled: a write outage here has been
     * a leader that lost etcd for longer than retry_timeout and demoted itself, which only these lines tell apart.
     */
    private static String patroniDuring(Instant since) {
        StringBuilder out = new StringBuilder("Patroni on etcd, lock and role since " + since + ":\n");
        Map<String, String> nodes;
        try (DockerJavaEngine docker = DockerJavaEngine.local()) {
            nodes = containersByService(docker, "postgres");
        }
        java.util.regex.Pattern telling =
                java.util.regex.Pattern.compile("(?i)dcs|demot|promot|lock|etcd|timeout|failed|error|read-only");
        for (Map.Entry<String, String> n : nodes.entrySet()) {
            var logs =
                    io.pgha.runtime.testsupport.ComposeStack.docker("logs", "--since", since.toString(), n.getValue());
            List<String> lines = (logs.stdout() + logs.stderr())
                    .lines()
                    .filter(l -> telling.matcher(l).find() && !l.contains("INFO: no action."))
                    .toList();
            out.append("  ")
                    .append(n.getKey())
                    .append(": ")
                    .append(lines.size())
                    .append(" lines\n");
            lines.stream()
                    .skip(Math.max(0, lines.size() - 40))
                    .forEach(l -> out.append("    ").append(l).append('\n'));
        }
        return out.toString();
    }

    private static Map<String, String> containersByService(DockerJavaEngine docker, String role) {
        Map<String, String> byService = new java.util.TreeMap<>();
        for (DockerContainer c : docker.containers(Map.of("io.pgha.stack", NAME))) {
            if (role.equals(c.labels().get("io.pgha.role"))) {
                byService.put(c.labels().getOrDefault("io.pgha.service", c.name()), c.name());
            }
        }
        if (byService.isEmpty()) {
            throw new AssertionError("no " + role + " container in stack " + NAME);
        }
        return byService;
    }

    /** Docker's health status of a container (the test holds the machine's Docker lock). */
    private static String health(String container) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("docker", "inspect", "-f", "{{.State.Health.Status}}", container)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor(20, TimeUnit.SECONDS);
        return out;
    }

    private static List<X509Certificate> certificates(Path pem) throws Exception {
        try (var in = Files.newInputStream(pem)) {
            List<X509Certificate> all = new ArrayList<>();
            CertificateFactory.getInstance("X.509").generateCertificates(in).forEach(c -> all.add((X509Certificate) c));
            return all;
        }
    }

    /**
     * Asks etcd's three members for their /health (over https, trusting the cluster's ca.crt as it is at each ask) four
     * times a second; remembers how long, at most, fewer than two answered healthy.
     */
    private static final class QuorumWatch {
        private static final java.util.concurrent.Executor ASKS =
                java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger samples = new AtomicInteger();
        final AtomicInteger withoutMajority = new AtomicInteger();
        volatile Duration longestWithoutMajority = Duration.ZERO;

        void run() {
            Instant end = Instant.now().plus(Duration.ofMinutes(8));
            Instant since = null;
            while (!stop.get() && Instant.now().isBefore(end)) {
                Instant at = Instant.now();
                // the three members asked side by side, so that one slow answer on a loaded machine does not stretch a
                // sample
                List<CompletableFuture<Boolean>> answers = new ArrayList<>();
                for (int m = 0; m < 3; m++) {
                    String url = "https://127.0.0.1:" + (ETCD + m);
                    answers.add(CompletableFuture.supplyAsync(
                            () -> EtcdHealthEndpoint.healthy(url, Optional.of(ca.toString()), Duration.ofSeconds(3)),
                            ASKS));
                }
                int healthy = (int) answers.stream()
                        .map(CompletableFuture::join)
                        .filter(b -> b)
                        .count();
                samples.incrementAndGet();
                if (healthy < 2) {
                    withoutMajority.incrementAndGet();
                    since = since == null ? at : since;
                } else if (since != null) {
                    Duration d = Duration.between(since, at);
                    if (d.compareTo(longestWithoutMajority) > 0) {
                        longestWithoutMajority = d;
                    }
                    since = null;
                }
                try {
                    Thread.sleep(250); // sampling pace of a watcher, not a synchronisation
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (since != null) {
                longestWithoutMajority = Duration.between(since, Instant.now());
            }
        }
    }

    private static Map<String, String> serialsByName(JsonNode certificates) {
        Map<String, String> serials = new java.util.LinkedHashMap<>();
        certificates.forEach(
                e -> serials.put(e.path("name").asText(), e.path("serial").asText()));
        return serials;
    }

    private static final Duration EXEC = Duration.ofSeconds(15);

    /** The serial each Patroni REST API serves, and PostgreSQL's through the router's write port, verified. */
    private static Map<String, BigInteger> servedSerials() throws Exception {
        Map<String, BigInteger> serials = new LinkedHashMap<>();
        for (int n = 0; n < 3; n++) {
            serials.put("patroni pg-" + n, peerSerial(PATRONI + n, false));
        }
        serials.put("postgres via 127.0.0.1:" + WRITE, peerSerial(WRITE, true));
        return serials;
    }

    /** A TLS handshake that verifies the name 127.0.0.1 against the cluster's CA; PostgreSQL's after its SSLRequest. */
    private static BigInteger peerSerial(int port, boolean postgres) throws IOException {
        return peerSerial(port, postgres, ca);
    }

    /** The same handshake, verified against the certificates of {@code trust}. */
    private static BigInteger peerSerial(int port, boolean postgres, Path trust) throws IOException {
        Socket raw = new Socket();
        raw.connect(new InetSocketAddress("127.0.0.1", port), 3000);
        raw.setSoTimeout(5000);
        if (postgres) {
            DataOutputStream out = new DataOutputStream(raw.getOutputStream());
            out.writeInt(8);
            out.writeInt(80877103);
            out.flush();
            assertThat(raw.getInputStream().read()).as("PostgreSQL accepts TLS").isEqualTo('S');
        }
        try (SSLSocket tls = (SSLSocket) ClusterTrust.sslContext(trust.toString())
                .getSocketFactory()
                .createSocket(raw, "127.0.0.1", port, true)) {
            SSLParameters p = tls.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(p);
            tls.startHandshake();
            return ((X509Certificate) tls.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + WRITE + "/app", login());
    }

    private static Properties login() {
        Properties p = new Properties();
        p.setProperty("user", app.path("user").asText());
        p.setProperty("password", app.path("password").asText());
        p.setProperty("sslmode", "verify-full");
        p.setProperty("sslrootcert", ca.toString());
        p.setProperty("connectTimeout", "3");
        p.setProperty("socketTimeout", "10");
        return p;
    }

    /**
     * Inserts a row at a time (at most for six minutes), on a new verify-full connection every fifth row; remembers
     * the rows acknowledged, the failures, and the longest time writes failed (from the first failed attempt of a run
     * of failures to the next acknowledged row).
     */
    private static final class Writer {
        final String table;
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger ok = new AtomicInteger();
        final ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
        final List<String> failures = new CopyOnWriteArrayList<>();
        volatile Duration longestOutage = Duration.ZERO;

        Writer(String table) {
            this.table = table;
        }

        void run() {
            Instant end = Instant.now().plus(Duration.ofMinutes(6));
            long id = 0;
            Instant failingSince = null;
            while (!stop.get() && Instant.now().isBefore(end)) {
                Instant attempt = Instant.now();
                try (Connection c = connect()) {
                    for (int i = 0; i < 5 && !stop.get(); i++) {
                        try (Statement s = c.createStatement()) {
                            s.executeUpdate("INSERT INTO " + table + " (id) VALUES (" + ++id + ")");
                            ok.incrementAndGet();
                            acknowledged.add(id);
                            if (failingSince != null) {
                                outage(failingSince, Instant.now());
                                failingSince = null;
                            }
                        }
                    }
                } catch (SQLException e) {
                    failures.add(attempt + " " + e.getMessage());
                    if (failingSince == null) {
                        failingSince = attempt;
                    }
                    try {
                        Thread.sleep(20); // pacing of a load generator after a failure, not a synchronisation
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            if (failingSince != null) {
                outage(failingSince, Instant.now());
            }
        }

        private void outage(Instant from, Instant to) {
            Duration d = Duration.between(from, to);
            if (d.compareTo(longestOutage) > 0) {
                longestOutage = d;
            }
        }
    }
}
