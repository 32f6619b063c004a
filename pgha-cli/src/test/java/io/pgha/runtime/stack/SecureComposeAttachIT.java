package io.pgha.runtime.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.testsupport.Cli;
import io.pgha.runtime.testsupport.Commands;
import io.pgha.runtime.testsupport.TestMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The secure compose project `pgha export-compose` writes, attached the way a user who started it with docker compose
 * would: `pgha attach --ca pki/ca.crt`. Its own name and ports, so it runs beside the committed stack.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureComposeAttachIT {

    private static final String NAME = "pgsec";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path dir;
    private static Path configDir;

    @BeforeAll
    static void exportAndStartTheSecureProject() throws IOException {
        TestMachine.requireDockerWithLocalImages();
        dir = Files.createTempDirectory("pgha-secure-compose");
        configDir = Files.createTempDirectory("pgha-secure-compose-config");
        System.setProperty("pgha.config.dir", configDir.toString());
        Path spec = dir.resolve("spec.yml");
        Files.writeString(spec, """
                name: pgsec
                images: local
                ports: {write: 25000, read: 25001, stats: 28404, patroni: 28008, etcd: 33791, exporter: 29187, prometheus: 29090}
                """);
        Path out = dir.resolve("stack");
        Cli.runOk("export-compose", "--spec", spec.toString(), "--out", out.toString());
        compose("down", "--volumes", "--remove-orphans");
        Commands.Result up = compose("up", "-d");
        assertThat(up.ok()).as(up.describe()).isTrue();
    }

    @AfterAll
    static void removeIt() {
        if (dir != null) {
            compose("down", "--volumes", "--remove-orphans");
        }
        System.clearProperty("pgha.config.dir");
    }

    @Test
    @Order(1)
    void withoutTheClusterCaTheRestApiCertificateIsNotTrusted() {
        await("the first member's REST API answers over TLS")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> Commands.run(
                                Duration.ofSeconds(10),
                                "curl",
                                "-fsS",
                                "-o",
                                "/dev/null",
                                "--cacert",
                                dir.resolve("stack/pki/ca.crt").toString(),
                                "https://127.0.0.1:28008/liveness")
                        .ok());
        Cli.Result r = Cli.run("attach", "pgsec-no-ca", "--patroni", "https://127.0.0.1:28008");
        assertThat(r.exitCode()).as(r.describe()).isNotZero();
        assertThat(r.stdout() + r.stderr()).as(r.describe()).containsIgnoringCase("certificate");
    }

    @Test
    @Order(2)
    void attachWithTheCaFindsEveryMemberOverVerifiedTlsAndStatusSeesTheLeader() {
        String ca = dir.resolve("stack/pki/ca.crt").toString();
        await("pgha attach --ca succeeds once the cluster has a leader")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    Cli.Result r =
                            Cli.run("attach", NAME, "--force", "--patroni", "https://127.0.0.1:28008", "--ca", ca);
                    assertThat(r.exitCode()).as(r.describe()).isZero();
                });
        ClusterConnection c = new ClusterRegistry().get(NAME);
        assertThat(c.caFile()).contains(ca);
        assertThat(c.patroniUrls())
                .hasSize(3)
                .allSatisfy((member, url) -> assertThat(url).startsWith("https://127.0.0.1:"));
        await("pgha status sees one leader and two members more")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    JsonNode s =
                            JSON.readTree(Cli.runOk("status", NAME, "--json").stdout());
                    assertThat(s.path("leader").asText()).startsWith("pg-");
                    assertThat(s.path("members")).hasSize(3);
                });
    }

    private static Commands.Result compose(String... args) {
        Path stack = dir.resolve("stack");
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(
                "docker",
                "compose",
                "--env-file",
                stack.resolve("local.env").toString(),
                "-f",
                stack.resolve("docker-compose.yml").toString()));
        cmd.addAll(java.util.List.of(args));
        return Commands.run(Duration.ofMinutes(3), cmd.toArray(String[]::new));
    }
}
