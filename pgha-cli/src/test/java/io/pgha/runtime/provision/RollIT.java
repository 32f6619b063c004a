package io.pgha.runtime.provision;

import static io.pgha.runtime.testsupport.ComposeStack.docker;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.ops.AuditJournal;
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
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * `pgha apply` of PostgreSQL parameters on a real stack (docs/decisions/0033) while an application writes through the
 * write port every 50 ms: shared_buffers (a restart) and work_mem (a reload) rolled over the replicas, one switchover,
 * the old primary. Every member runs the new values, no acknowledged write is lost, the writers' longest gap is one
 * switchover's, the stack is healthy at the end, and each step is in the audit journal. Its own stack and ports (42xxx).
 */
class RollIT {

    private static final String STACK = "roll21";
    private static final int WRITE = 42000;
    private static final String PORTS = "ports: {write: 42000, read: 42001, stats: 42404, patroni: 42008, etcd: 42791,"
            + " exporter: 42187, prometheus: 42090}\n";
    private static Path configDir;

    @BeforeAll
    static void threeNodes() throws Exception {
        TestMachine.requireDockerWithLocalImages();
        configDir = Files.createTempDirectory("pgha-it-roll");
        System.setProperty("pgha.config.dir", configDir.toString());
        Cli.run("down", "--name", STACK, "--volumes", "--yes");
        Path spec = configDir.resolve("roll21.yml");
        Files.writeString(spec, "name: roll21\n" + PORTS + """
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
    void sharedBuffersAndWorkMemRolledUnderWritesWithOneSwitchover() throws Exception {
        Path changed = configDir.resolve("roll21-params.yml");
        Files.writeString(changed, "name: roll21\n" + PORTS + """
                monitoring: {prometheus: false}
                backups: {enabled: false}
                postgresql: {parameters: {shared_buffers: 256MB, work_mem: 8MB}}
                """);
        Cli.Result dry = Cli.runOk("apply", "--spec", changed.toString(), "--dry-run");
        assertThat(dry.stdout())
                .contains("1. set parameters (restart needed): shared_buffers 256MB, work_mem 8MB")
                .containsPattern("2\\. restart replica pg-\\d")
                .containsPattern("4\\. switchover pg-\\d → pg-\\d: .*≈1 s of writes")
                .containsPattern("5\\. restart old primary pg-\\d")
                .contains("Dry run");
        String password = new CredentialStore(configDir).get(STACK).superuser().password();
        try (Connection c = connect(password)) {
            assertThat(query(c, "SHOW shared_buffers"))
                    .as("a dry run changes nothing")
                    .isEqualTo("128MB");
        }

        try (NumberedWriter writer = new NumberedWriter("roll_writes", () -> connect(password))) {
            writer.awaitFirst();
            long start = System.nanoTime();
            Cli.Result apply = Cli.runOk("apply", "--spec", changed.toString(), "--yes");
            long end = System.nanoTime();
            System.out.println("[RollIT] apply in " + (end - start) / 1_000_000 + " ms:\n" + apply.stdout());
            writer.stop();
            assertThat(apply.stdout())
                    .contains("[5/5] done")
                    .contains("every member: pg-0, pg-1, pg-2 run shared_buffers 256MB, work_mem 8MB");

            for (String member : List.of("pg-0", "pg-1", "pg-2")) {
                assertThat(settingIn(member, "shared_buffers"))
                        .as(member + "'s shared_buffers")
                        .isEqualTo("256MB");
                assertThat(settingIn(member, "work_mem"))
                        .as(member + "'s work_mem")
                        .isEqualTo("8MB");
                assertThat(settingIn(member, "pending_restart"))
                        .as(member + " has no restart pending")
                        .isEqualTo("f");
            }
            Duration gap = writer.longestGap(start, end);
            System.out.println("[RollIT] " + writer.acknowledged.size() + " writes acknowledged, "
                    + writer.failures.size() + " failed, longest gap between acknowledgements " + gap.toMillis()
                    + " ms");
            assertThat(gap).as("the writers' longest gap: one switchover").isLessThan(Duration.ofSeconds(10));
            try (Connection c = connect(password)) {
                assertThat(writer.present(c)).as("every acknowledged write").containsAll(writer.ids);
            }
        }
        com.fasterxml.jackson.databind.JsonNode status = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Cli.runOk("status", STACK, "--json").stdout());
        assertThat(status.path("leader").asText()).as(status.toString()).startsWith("pg-");
        assertThat(status.path("members"))
                .as("healthy at the end: a leader, every other member streaming, no restart pending: " + status)
                .hasSize(3)
                .allSatisfy(m -> {
                    assertThat(m.path("state").asText()).isIn("running", "streaming");
                    assertThat(m.path("pendingRestart").asBoolean()).isFalse();
                });
        List<String> audited = new AuditJournal(configDir.resolve("clusters").resolve(STACK))
                .recent(20).stream()
                        .map(e -> e.operation() + " " + e.target() + " " + e.outcome())
                        .toList();
        assertThat(audited)
                .as("the steps in the audit journal")
                .contains("config cluster SUCCEEDED", "switchover " + newLeader(audited) + " SUCCEEDED")
                .filteredOn(a -> a.startsWith("restart pg-"))
                .hasSize(3);
        Cli.Result again = Cli.runOk("apply", "--spec", changed.toString(), "--dry-run");
        assertThat(again.stdout()).as("a second apply finds nothing to do").contains("Nothing to do");
    }

    private static String newLeader(List<String> audited) {
        return audited.stream()
                .filter(a -> a.startsWith("switchover "))
                .map(a -> a.split(" ")[1])
                .findFirst()
                .orElse("(no switchover audited)");
    }

    /** SHOW name (or pending_restart of shared_buffers) inside the member's container, over its local socket. */
    private static String settingIn(String member, String name) {
        String sql =
                name.equals("pending_restart") ? "SELECT bool_or(pending_restart) FROM pg_settings" : "SHOW " + name;
        return docker(
                        "exec",
                        STACK + "-" + member,
                        "runuser",
                        "-u",
                        "postgres",
                        "--",
                        "psql",
                        "-XtA",
                        "-h",
                        "/var/run/postgresql",
                        "-U",
                        "postgres",
                        "-d",
                        "postgres",
                        "-c",
                        sql)
                .stdout()
                .strip();
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
