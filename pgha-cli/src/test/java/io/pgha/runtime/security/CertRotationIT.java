package io.pgha.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.runtime.http.ClusterTrust;
import io.pgha.runtime.testsupport.Cli;
import io.pgha.runtime.testsupport.TestMachine;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * `pgha certs rotate` on a real stack made by `pgha up --images local` (a stack of its own: name "certs", its own
 * ports): while an application writes through the router with verify-full (a new connection every few writes), every
 * node gets a new certificate; afterwards the router's write port and each Patroni REST API serve a certificate with
 * a new serial that verifies against the cluster's CA, no write failed, writes go on, and the rotation is audited.
 */
class CertRotationIT {

    private static final String NAME = "certs";
    private static final int WRITE = 15000;
    private static final int PATRONI = 18008;
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
                "15001",
                "--stats-port",
                "18404",
                "--patroni-port",
                String.valueOf(PATRONI),
                "--etcd-port",
                "33791",
                "--exporter-port",
                "19187");
        ca = configDir.resolve("clusters/" + NAME + "/pki/ca.crt");
        app = JSON.readTree(Cli.runOk("credentials", NAME, "--json").stdout()).path("application");
    }

    @AfterAll
    static void leaveNothing() {
        Cli.run("down", "--name", NAME, "--volumes", "--yes");
        System.clearProperty("pgha.config.dir");
    }

    @Test
    void rotatesEveryNodeCertificateWhileWritesFlowThroughVerifiedTls() throws Exception {
        JsonNode before = JSON.readTree(
                Cli.runOk("certs", "status", "--cluster", NAME, "--json").stdout());
        assertThat(before).extracting(e -> e.path("name").asText()).containsExactly("ca", "pg-0", "pg-1", "pg-2");
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
        Writer writer = new Writer();
        CompletableFuture<Void> writing = CompletableFuture.runAsync(writer::run);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> writer.ok.get() >= 20);

            Cli.Result rotate = Cli.runOk("certs", "rotate", "--cluster", NAME, "--yes");

            assertThat(rotate.stdout()).contains("certs-rotate: new certificates on");
            assertThat(rotate.stderr()).contains("the leader last").contains("serves certificate");
            int atRotation = writer.ok.get();
            await().atMost(Duration.ofSeconds(20)).until(() -> writer.ok.get() >= atRotation + 20);
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
        List<String> newSerials = new ArrayList<>();
        status.forEach(e -> newSerials.add(e.path("serial").asText()));
        for (int i = 1; i <= 3; i++) {
            assertThat(newSerials.get(i))
                    .isNotEqualTo(before.get(i).path("serial").asText());
            assertThat(after.values()).contains(new BigInteger(newSerials.get(i), 16));
        }
        assertThat(newSerials.get(0))
                .as("the CA is kept")
                .isEqualTo(before.get(0).path("serial").asText());
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
        try (SSLSocket tls = (SSLSocket)
                ClusterTrust.sslContext(ca.toString()).getSocketFactory().createSocket(raw, "127.0.0.1", port, true)) {
            SSLParameters p = tls.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(p);
            tls.startHandshake();
            return ((X509Certificate) tls.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    private static Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", app.path("user").asText());
        p.setProperty("password", app.path("password").asText());
        p.setProperty("sslmode", "verify-full");
        p.setProperty("sslrootcert", ca.toString());
        p.setProperty("connectTimeout", "3");
        p.setProperty("socketTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + WRITE + "/app", p);
    }

    /** Inserts a row at a time (at most for two minutes), on a new verify-full connection every fifth row. */
    private static final class Writer {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger ok = new AtomicInteger();
        final List<String> failures = new CopyOnWriteArrayList<>();

        void run() {
            Instant end = Instant.now().plus(Duration.ofMinutes(2));
            long id = 0;
            while (!stop.get() && Instant.now().isBefore(end)) {
                try (Connection c = connect()) {
                    for (int i = 0; i < 5 && !stop.get(); i++) {
                        try (Statement s = c.createStatement()) {
                            s.executeUpdate("INSERT INTO rotation_writes (id) VALUES (" + ++id + ")");
                            ok.incrementAndGet();
                        }
                    }
                } catch (SQLException e) {
                    failures.add(Instant.now() + " " + e.getMessage());
                }
            }
        }
    }
}
