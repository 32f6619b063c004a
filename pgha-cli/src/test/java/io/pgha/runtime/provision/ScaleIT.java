package io.pgha.runtime.provision;

import static io.pgha.runtime.testsupport.ComposeStack.docker;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.cli.ExitCodes;
import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.testsupport.Cli;
import io.pgha.runtime.testsupport.NumberedWriter;
import io.pgha.runtime.testsupport.TestMachine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * `pgha scale` on a real stack (docs/decisions/0029): 3 → 4 → 3 members while an application writes through the write
 * port every 50 ms. The new member clones from a replica, streams, is in the router and the synchronous quorum; the
 * removed one leaves them, its volume kept; no write fails, and every acknowledged write is there at the end. The dry
 * run and a shrink below one change nothing. Its own stack name and ports (43xxx).
 */
class ScaleIT {

    private static final String STACK = "sc21";
    private static final int WRITE = 43000;
    private static final String ROUTER = STACK + "-pg-router";
    private static Path configDir;
    private static Path spec;

    @BeforeAll
    static void threeNodes() throws Exception {
        TestMachine.requireDockerWithLocalImages();
        configDir = Files.createTempDirectory("pgha-it-scale");
        System.setProperty("pgha.config.dir", configDir.toString());
        Cli.run("down", "--name", STACK, "--volumes", "--yes");
        spec = configDir.resolve("sc21.yml");
        Files.writeString(spec, """
                name: sc21
                ports: {write: 43000, read: 43001, stats: 43004, patroni: 43008, etcd: 43079, exporter: 43087,
                        prometheus: 43090}
                monitoring: {prometheus: false}
                backups: {enabled: false}
                """);
        Cli.runOk("up", "--spec", spec.toString(), "--images", "local");
    }

    @AfterAll
    static void leaveNothing() {
        Cli.run("down", "--name", STACK, "--volumes", "--yes");
        docker("volume", "rm", "-f", STACK + "_pg-3-data");
        System.clearProperty("pgha.config.dir");
    }

    @Test
    void threeToFourToThreeWithoutAWriteLost() throws Exception {
        Cli.Result dry = Cli.runOk("scale", "--name", STACK, "--nodes", "4", "--dry-run");
        assertThat(dry.stdout())
                .containsPattern("1\\. add pg-3: new replica cloned from pg-\\d \\(a replica")
                .contains("Dry run");
        assertThat(docker("ps", "-aq", "--filter", "name=" + STACK + "-pg-3")
                        .stdout()
                        .strip())
                .as("a dry run creates nothing")
                .isEmpty();
        Cli.Result zero = Cli.run("scale", "--name", STACK, "--nodes", "0", "--yes");
        assertThat(zero.exitCode()).as(zero.stdout() + zero.stderr()).isNotZero();
        assertThat(zero.stdout() + zero.stderr()).contains("at least 1 PostgreSQL node");

        String password = new CredentialStore(configDir).get(STACK).superuser().password();
        try (NumberedWriter writer = new NumberedWriter("scale_writes", () -> connect(password))) {
            writer.awaitFirst();
            long up = System.nanoTime();
            Cli.Result grow = Cli.runOk("scale", "--name", STACK, "--nodes", "4", "--yes");
            long grown = System.nanoTime();
            System.out.println("[ScaleIT] 3 -> 4 in " + (grown - up) / 1_000_000 + " ms:\n" + grow.stdout());
            assertThat(grow.stdout()).contains("[1/1] done").contains("runs 4 PostgreSQL nodes");
            String newLog = docker("logs", STACK + "-pg-3").stdout()
                    + docker("logs", STACK + "-pg-3").stderr();
            java.util.regex.Matcher source = java.util.regex.Pattern.compile("bootstrap from replica '(pg-\\d)'")
                    .matcher(newLog);
            assertThat(source.find())
                    .as("Patroni cloned pg-3 from a member: " + newLog)
                    .isTrue();
            try (Connection c = connect(password)) {
                String replicas =
                        query(c, "SELECT string_agg(application_name || ' ' || state, ',') FROM pg_stat_replication");
                assertThat(replicas).contains("pg-3 streaming");
                assertThat(replicas)
                        .as("the clone's source, " + source.group(1) + ", is a replica of the primary, not the primary")
                        .contains(source.group(1) + " streaming");
                assertThat(query(c, "SHOW synchronous_standby_names")).contains("pg-3");
            }
            assertThat(routerServers()).contains("replicas pg-3 2");
            Cli.Result plainUp = Cli.run("up", "--spec", spec.toString(), "--images", "local");
            assertThat(plainUp.exitCode()).as(plainUp.describe()).isEqualTo(ExitCodes.CONFLICT);
            assertThat(plainUp.stderr())
                    .as("up with the 3-node spec on the scaled stack says how many run, changes nothing")
                    .contains("it runs 4 PostgreSQL nodes, the spec asks for 3")
                    .contains("Nothing was changed");

            long down = System.nanoTime();
            Cli.Result shrink = Cli.runOk("scale", "--name", STACK, "--nodes", "3", "--yes");
            long shrunk = System.nanoTime();
            System.out.println("[ScaleIT] 4 -> 3 in " + (shrunk - down) / 1_000_000 + " ms:\n" + shrink.stdout());
            assertThat(shrink.stdout()).contains("volume sc21_pg-3-data kept");
            assertThat(docker("ps", "-aq", "--filter", "name=" + STACK + "-pg-3")
                            .stdout()
                            .strip())
                    .isEmpty();
            assertThat(docker("volume", "ls", "-q", "--filter", "name=" + STACK + "_pg-3-data")
                            .stdout())
                    .contains(STACK + "_pg-3-data");
            // the leader drops a member from synchronous_standby_names on its next HA loop (2 s) once its key is gone
            org.awaitility.Awaitility.await("pg-3 out of the synchronous quorum")
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> {
                        try (Connection c = connect(password)) {
                            assertThat(query(c, "SHOW synchronous_standby_names"))
                                    .contains("pg-")
                                    .doesNotContain("pg-3");
                        }
                    });
            assertThat(routerServers()).doesNotContain("pg-3");
            Cli.Result again = Cli.run("up", "--spec", spec.toString(), "--images", "local");
            assertThat(again.exitCode())
                    .as("up with the spec the scaled-back stack runs changes nothing: " + again.describe())
                    .isZero();
            writer.stop();

            Duration gap = writer.longestGap(up, shrunk);
            System.out.println("[ScaleIT] " + writer.acknowledged.size() + " writes acknowledged, "
                    + writer.failures.size() + " failed, longest gap between acknowledgements " + gap.toMillis()
                    + " ms");
            assertThat(writer.failures)
                    .as("writes that failed during the scaling")
                    .isEmpty();
            assertThat(gap).as("the longest gap between acknowledged writes").isLessThan(Duration.ofSeconds(1));
            try (Connection c = connect(password)) {
                assertThat(writer.present(c)).as("every acknowledged write").containsAll(writer.ids);
            }
        }
    }

    /** "backend server opstate" per line, from HAProxy's runtime API. */
    private static String routerServers() {
        List<String> cmd = new ArrayList<>(List.of("exec", ROUTER));
        cmd.addAll(RouterReload.ask("show servers state"));
        String dump = docker(cmd.toArray(String[]::new)).stdout();
        StringBuilder out = new StringBuilder();
        for (RouterReload.Server s : RouterReload.parse(dump)) {
            out.append(s.backend())
                    .append(' ')
                    .append(s.name())
                    .append(' ')
                    .append(s.opState())
                    .append('\n');
        }
        return out.toString();
    }

    private static Connection connect(String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", password);
        p.setProperty("sslmode", "verify-full");
        p.setProperty(
                "sslrootcert",
                configDir.resolve("clusters/" + STACK + "/pki/ca.crt").toString());
        p.setProperty("connectTimeout", "2");
        p.setProperty("socketTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + WRITE + "/postgres", p);
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? String.valueOf(rs.getString(1)) : "";
        }
    }
}
