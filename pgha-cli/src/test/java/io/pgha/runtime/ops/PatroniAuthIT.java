package io.pgha.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgha.runtime.cli.ExitCodes;
import io.pgha.runtime.cluster.ConfigDirs;
import io.pgha.runtime.model.Role;
import io.pgha.runtime.patroni.PatroniClient;
import io.pgha.runtime.testsupport.Cli;
import io.pgha.runtime.testsupport.Commands;
import io.pgha.runtime.testsupport.TestMachine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A cluster whose Patroni REST API wants credentials (restapi.authentication): pgha sends the stored ones
 * with every unsafe call, and a wrong or missing one is a clear "not authorised" with its own exit code.
 * Runs its own one-member stack (test resource ops/auth-stack.yml) next to the pg-ha one, and removes it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PatroniAuthIT {

    private static final String CLUSTER = "auth-it";
    private static final String REST = "http://127.0.0.1:48008";
    private static Path composeFile;
    private static Path configDir;

    @BeforeAll
    static void startAClusterWithRestAuthentication() throws Exception {
        TestMachine.requireDockerWithLocalImages();
        composeFile =
                Path.of(PatroniAuthIT.class.getResource("/ops/auth-stack.yml").toURI());
        compose("down", "--volumes", "--remove-orphans");
        Commands.Result up = compose("up", "-d");
        assertThat(up.ok()).as(up.describe()).isTrue();
        PatroniClient patroni = PatroniClient.create(REST, Duration.ofSeconds(2));
        // Patroni answers /config with 502 until its bootstrap has written the dynamic configuration to etcd,
        // which Spilo's post-init script delays past "leader, running": a case must not meet that window.
        await("the one member leads and its bootstrap has written the cluster's configuration")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> patroni.node().role() == Role.LEADER
                        && "running".equals(patroni.node().state())
                        && patroni.config().containsKey("ttl"));
        configDir = Files.createTempDirectory("pgha-auth-it");
        System.setProperty("pgha.config.dir", configDir.toString());
        Cli.Result attach = Cli.run("attach", CLUSTER, "--patroni", "pgha-auth-it-pg=" + REST, "--no-docker");
        assertThat(attach.exitCode()).as(attach.describe()).isZero();
    }

    @AfterAll
    static void removeIt() {
        System.clearProperty("pgha.config.dir");
        if (composeFile != null) {
            compose("down", "--volumes", "--remove-orphans");
        }
    }

    @Test
    @Order(1)
    void aWrongCredentialIsNotAuthorisedAndNothingChanges() throws Exception {
        Path password = configDir.resolve("wrong-password");
        Files.writeString(password, "not-the-password\n");
        Cli.Result store = Cli.run(
                "rest-auth", "--cluster", CLUSTER, "--user", "pgha-ops", "--password-file", password.toString());
        assertThat(store.exitCode()).as(store.describe()).isZero();
        assertThat(store.stdout()).doesNotContain("not-the-password");
        Path stored = ConfigDirs.cluster(CLUSTER).resolve("patroni-rest.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stored)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(ConfigDirs.cluster(CLUSTER).resolve("cluster.json")))
                .doesNotContain("not-the-password");

        Cli.Result pause = Cli.run("pause", "--cluster", CLUSTER);

        assertThat(pause.exitCode()).as(pause.describe()).isEqualTo(ExitCodes.UNAUTHORIZED);
        assertThat(pause.stderr())
                .contains("pause failed: not authorised")
                .contains("rejected the REST API credentials")
                .doesNotContain("not-the-password");
        assertThat(paused()).isFalse();
        assertThat(Cli.run("audit", "--cluster", CLUSTER).stdout())
                .contains("pause")
                .contains("failed")
                .doesNotContain("not-the-password");
    }

    @Test
    @Order(2)
    void noCredentialIsNotAuthorisedEither() {
        assertThat(Cli.run("rest-auth", "--cluster", CLUSTER, "--clear").exitCode())
                .isZero();
        Cli.Result pause = Cli.run("pause", "--cluster", CLUSTER);
        assertThat(pause.exitCode()).as(pause.describe()).isEqualTo(ExitCodes.UNAUTHORIZED);
        assertThat(pause.stderr()).contains("not authorised").contains("wants credentials and pgha has none");
        assertThat(paused()).isFalse();
    }

    @Test
    @Order(3)
    void theRightCredentialIsSentWithTheUnsafeCalls() throws Exception {
        Path password = configDir.resolve("right-password");
        Files.writeString(password, "right-password\n");
        assertThat(Cli.run(
                                "rest-auth",
                                "--cluster",
                                CLUSTER,
                                "--user",
                                "pgha-ops",
                                "--password-file",
                                password.toString())
                        .exitCode())
                .isZero();

        Cli.Result pause = Cli.run("pause", "--cluster", CLUSTER);
        assertThat(pause.exitCode()).as(pause.describe()).isZero();
        assertThat(paused()).isTrue();
        Cli.Result resume = Cli.run("resume", "--cluster", CLUSTER);
        assertThat(resume.exitCode()).as(resume.describe()).isZero();
        assertThat(paused()).isFalse();
    }

    private static boolean paused() {
        return Boolean.TRUE.equals(
                PatroniClient.create(REST, Duration.ofSeconds(3)).config().get("pause"));
    }

    private static Commands.Result compose(String... args) {
        String[] cmd = new String[args.length + 4];
        cmd[0] = "docker";
        cmd[1] = "compose";
        cmd[2] = "-f";
        cmd[3] = composeFile.toString();
        System.arraycopy(args, 0, cmd, 4, args.length);
        return Commands.run(Duration.ofMinutes(2), cmd);
    }
}
