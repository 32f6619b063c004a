package io.pgha.runtime.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.testsupport.Cli;
import io.pgha.runtime.testsupport.TestMachine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * `pgha chaos --for 2m --seed 7 --json` on a stack of its own (docs/decisions/0032): five fault kinds, each drawn at
 * least once, under the append and bank workloads and the role watcher; nothing lost or duplicated, no bank-total
 * violation, no split brain, the cluster healthy at the end and the workload tables gone. Its own name and ports
 * (41xxx).
 */
class ChaosIT {

    private static final String STACK = "chaos22";
    private static final int WRITE = 41000;
    private static final List<String> FAULTS =
            List.of("kill-primary", "switchover", "crash-postgres", "etcd-minority", "kill-router");
    private static Path configDir;

    @BeforeAll
    static void stack() throws Exception {
        TestMachine.requireDockerWithLocalImages();
        configDir = Files.createTempDirectory("pgha-it-chaos");
        System.setProperty("pgha.config.dir", configDir.toString());
        Cli.run("down", "--name", STACK, "--volumes", "--yes");
        Path spec = configDir.resolve(STACK + ".yml");
        Files.writeString(spec, """
                name: chaos22
                ports: {write: 41000, read: 41001, stats: 41404, patroni: 41008, etcd: 41791, exporter: 41187,
                        prometheus: 41090}
                monitoring: {prometheus: false}
                backups: {enabled: false}
                """);
        Cli.runOk("up", "--spec", spec.toString(), "--images", "local");
    }

    @AfterAll
    static void leaveNothing() {
        Cli.run("down", "--name", STACK, "--volumes", "--yes");
        System.clearProperty("pgha.config.dir");
    }

    @Test
    void aSeededTwoMinuteRunLosesNothingAndEndsHealthy() throws Exception {
        long started = System.nanoTime();
        Cli.Result r = Cli.run(
                "chaos",
                "--for",
                "2m",
                "--seed",
                "7",
                "--json",
                "--cluster",
                STACK,
                "--faults",
                String.join(",", FAULTS));
        System.out.println("[ChaosIT] pgha chaos took " + (System.nanoTime() - started) / 1_000_000 + " ms; stderr:\n"
                + r.stderr() + "\nstdout:\n" + r.stdout());
        JsonNode report = new ObjectMapper().readTree(r.stdout());
        assertThat(report.isObject()).as("one JSON object").isTrue();
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(report.path("passed").asBoolean()).isTrue();
        for (String counter :
                List.of("acknowledgedWritesLost", "duplicatedWrites", "bankTotalViolations", "splitBrainMoments")) {
            assertThat(report.path(counter).isNumber())
                    .as(counter + " is there")
                    .isTrue();
            assertThat(report.path(counter).asLong()).as(counter).isZero();
        }
        assertThat(report.path("acknowledgedWrites").asLong()).isGreaterThan(1000);
        assertThat(report.path("bankTransfers").asLong()).isPositive();
        assertThat(report.path("bankReads").asLong()).isPositive();
        assertThat(report.path("healthyAtEnd").asBoolean()).isTrue();
        for (String fault : FAULTS) {
            assertThat(report.path("byFault").path(fault).path("count").asInt())
                    .as(fault + " drawn")
                    .isPositive();
        }
        assertThat(report.path("availabilityPercent").asDouble()).isBetween(50.0, 100.0);
        assertThat(tablesLeft()).as("the workload tables are dropped").isEqualTo("0");
    }

    private static String tablesLeft() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty(
                "password",
                new CredentialStore(configDir).get(STACK).superuser().password());
        p.setProperty("sslmode", "verify-full");
        p.setProperty(
                "sslrootcert",
                configDir.resolve("clusters/" + STACK + "/pki/ca.crt").toString());
        p.setProperty("connectTimeout", "2");
        p.setProperty("socketTimeout", "5");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + WRITE + "/postgres", p);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT count(*) FROM pg_tables WHERE tablename IN ('pgha_chaos_append', 'pgha_chaos_bank')")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
