package io.pgha.runtime.backup;

import static io.pgha.runtime.backup.NodeSql.json;
import static io.pgha.runtime.testsupport.ComposeStack.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgha.runtime.testsupport.Cli;
import io.pgha.runtime.testsupport.Commands;
import io.pgha.runtime.testsupport.TestMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * `pgha restore --in-place` on a real stack (docs/decisions/0025): 100 rows before a moment T, 10 more and a DROP
 * TABLE after it; without --yes and a terminal it refuses and says what it would replace, a target outside the window
 * is refused with the window, and neither stops anything; then the stack itself restored to T has exactly the 100 rows
 * on its leader and both replicas, on the same name and ports, nothing set aside left, and a new full backup and
 * pgBackRest's check pass on the new timeline; a restore whose recovery fails midway (WAL missing from the archive) is
 * rolled back to the data from before (docs/decisions/0034); and `pgha drill disaster` removes every PostgreSQL node
 * with its data volume under writers and rebuilds the stack from its archive, losing only the newest acknowledged rows. One stack, its own name and ports (42000-42793).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestoreInPlaceIT {

    private static final String STACK = "r19";
    private static final List<String> NODES = List.of("pg-0", "pg-1", "pg-2");
    private static Path configDir;
    private static String target;
    private static int timelineBefore;

    @BeforeAll
    static void stackWithABackupAMomentAndADroppedTable() throws IOException {
        TestMachine.requireDockerWithLocalImages();
        configDir = Files.createTempDirectory("pgha-it-restore-in-place");
        System.setProperty("pgha.config.dir", configDir.toString());
        Cli.run("down", "--name", STACK, "--volumes", "--yes");
        Path spec = configDir.resolve("r19.yml");
        Files.writeString(spec, """
                name: r19
                ports: {write: 42000, read: 42001, stats: 42404, patroni: 42008, etcd: 42791, exporter: 42187,
                        prometheus: 42090}
                monitoring: {prometheus: false}
                """);
        System.out.println(
                Cli.runOk("up", "--spec", spec.toString(), "--images", "local").stdout());
        try {
            await("the first full backup of " + STACK)
                    .atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> json(Cli.runOk("backup", "list", "-c", STACK, "--json"))
                                    .path("backups")
                                    .size()
                            > 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            for (String node : NODES) {
                System.out.println(node + ": "
                        + docker(
                                        "exec",
                                        STACK + "-" + node,
                                        "sh",
                                        "-c",
                                        "tail -n 20 /home/postgres/pgdata/pgbackrest/log/*")
                                .stdout());
            }
            throw e;
        }
        String leader = leader();
        psql(leader, "CREATE TABLE drill(n int PRIMARY KEY)");
        psql(leader, "INSERT INTO drill SELECT generate_series(1, 100)");
        target = psql(
                leader, "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')");
        psql(leader, "INSERT INTO drill SELECT generate_series(101, 110)");
        psql(leader, "DROP TABLE drill");
        timelineBefore = Integer.parseInt(psql(leader, "SELECT timeline_id FROM pg_control_checkpoint()"));
    }

    @AfterAll
    static void leaveNothing() {
        Cli.run("down", "--name", STACK, "--volumes", "--yes");
        System.clearProperty("pgha.config.dir");
    }

    @Test
    @Order(1)
    void withoutYesOrInsideTheWindowNothingIsStopped() {
        Cli.Result unconfirmed = Cli.run("restore", "-c", STACK, "--in-place", "--to", target);
        assertThat(unconfirmed.exitCode()).as(unconfirmed.describe()).isNotZero();
        assertThat(unconfirmed.stderr())
                .as(unconfirmed.describe())
                .contains("no terminal to ask on")
                .contains("r19_pg-0-data, r19_pg-1-data, r19_pg-2-data")
                .contains("keeps the backup repository volume r19_backups");
        Cli.Result outside = Cli.run("restore", "-c", STACK, "--in-place", "--to", "2001-01-01T00:00:00Z", "--yes");
        assertThat(outside.exitCode()).as(outside.describe()).isEqualTo(2);
        assertThat(outside.stderr()).as(outside.describe()).contains("outside the recoverable window");
        for (String node : NODES) {
            assertThat(docker("inspect", "-f", "{{.State.Running}}", STACK + "-" + node)
                            .stdout()
                            .strip())
                    .as(node + " still running")
                    .isEqualTo("true");
        }
        assertThat(psql(leader(), "SELECT count(*) FROM pg_tables WHERE tablename = 'drill'"))
                .isEqualTo("0");
    }

    @Test
    @Order(2)
    void theStackRestoredToTHasTheRowsOfTOnEveryNode() {
        long start = System.nanoTime();
        Cli.Result r = Cli.run("restore", "-c", STACK, "--in-place", "--to", target, "--yes");
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println(r.stdout());
        assertThat(r.exitCode()).as(r.describe()).isZero();
        System.out.println("restore --in-place to " + target + ": " + ms + " ms");
        String leader = leader();
        assertThat(psql(leader, "SELECT count(*) || ' ' || max(n) FROM drill"))
                .as("rows of T, none after")
                .isEqualTo("100 100");
        psql(leader, "CHECKPOINT");
        int timeline = Integer.parseInt(psql(leader, "SELECT timeline_id FROM pg_control_checkpoint()"));
        System.out.println("timeline " + timelineBefore + " -> " + timeline);
        assertThat(timeline).as("a new timeline").isGreaterThan(timelineBefore);
        for (String node : NODES) {
            if (!node.equals(leader)) {
                await(node + " has the restored rows")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> "100".equals(psqlOrNull(node, "SELECT count(*) FROM drill")));
            }
            assertThat(docker("exec", STACK + "-" + node, "sh", "-c", "ls -a /home/postgres/pgdata")
                            .stdout())
                    .as("nothing set aside left on " + node)
                    .doesNotContain(".pgha-before-restore-");
        }
        assertThat(json(Cli.runOk("credentials", STACK, "--json"))
                        .path("write_uri")
                        .asText())
                .contains(":42000/");
    }

    @Test
    @Order(3)
    void aNewFullBackupAndTheArchiveCheckPassOnTheNewTimeline() {
        psql(leader(), "CREATE TABLE after_restore(n int)");
        Cli.Result backup = Cli.run("backup", "now", "-c", STACK, "--type", "full");
        System.out.println(backup.stdout());
        assertThat(backup.exitCode()).as(backup.describe()).isZero();
        Cli.Result check = Cli.run("backup", "check", "-c", STACK);
        System.out.println(check.stdout());
        assertThat(check.exitCode()).as(check.describe()).isZero();
        JsonNode list = json(Cli.runOk("backup", "list", "-c", STACK, "--json")).path("backups");
        String newBackup = list.path(list.size() - 1).path("id").asText();
        // pgha status: the window and the last backup from the repository, no warning (docs/decisions/0025)
        JsonNode backups =
                json(Cli.runOk("status", STACK, "--json", "--timeout", "15s")).path("backups");
        System.out.println("status backups: " + backups);
        assertThat(backups.path("lastBackup").path("id").asText()).isEqualTo(newBackup);
        assertThat(backups.path("windowStart").asText()).isNotEmpty();
        assertThat(backups.path("windowEnd").asText()).isNotEmpty();
        assertThat(backups.path("archive").path("failing").asBoolean()).isFalse();
        assertThat(backups.path("warnings")).isEmpty();
        String text = Cli.runOk("status", STACK, "--timeout", "15s").stdout();
        assertThat(text).contains("backups: recoverable window ").contains("last backup " + newBackup);
        assertThat(text).doesNotContain("WARNING:");
    }

    @Test
    @Order(4)
    void aRestoreThatFailsMidwayIsRolledBackToTheDataFromBefore() {
        String leader = leader();
        psql(leader, "CREATE TABLE kept AS SELECT generate_series(1, 50) AS n");
        String moment = psql(
                leader, "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')");
        psql(leader, "INSERT INTO kept VALUES (51)");
        psql(leader, "SELECT pg_switch_wal()");
        // a real midway failure (docs/decisions/0034): the archive misses the WAL after the newest backup, so the
        // window
        // check passes (it looks at backups and at the archive's newest segment) and the recovery cannot reach the
        // target; pgBackRest's restore has run and the old data is set aside by then
        JsonNode list = json(Cli.runOk("backup", "list", "-c", STACK, "--json")).path("backups");
        String stop = list.path(list.size() - 1).path("wal_stop").asText();
        await("the archive past " + stop)
                .atMost(Duration.ofSeconds(60))
                .until(() -> json(Cli.runOk("backup", "list", "-c", STACK, "--json"))
                                .path("archive_max")
                                .asText()
                                .compareTo(stop)
                        > 0);
        Commands.Result removed = docker(
                "exec",
                STACK + "-" + leader,
                "bash",
                "-c",
                "for f in /home/postgres/backups/archive/" + STACK + "/*/*/*; do b=$(basename \"$f\"); s=${b%%-*};"
                        + " if [ ${#s} -eq 24 ] && [ \"$s\" \\> \"$1\" ] && [ \"${s:0:8}\" = \"${1:0:8}\" ];"
                        + " then rm -f \"$f\" && echo \"$s\"; fi; done",
                "remove",
                stop);
        System.out.println(
                "removed from the archive: " + removed.stdout().strip().replace('\n', ' '));
        assertThat(removed.stdout().strip()).as(removed.stderr()).isNotEmpty();

        long start = System.nanoTime();
        Cli.Result r = Cli.run("restore", "-c", STACK, "--in-place", "--to", moment, "--yes");
        System.out.println(r.stdout());
        System.out.println("failed restore and its rollback: " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertThat(r.exitCode()).as(r.describe()).isNotZero();
        assertThat(r.stderr())
                .as(r.describe())
                .contains("did not recover to")
                .contains("It was rolled back: r19 runs again on the data it had before the restore");
        String after = leader();
        assertThat(psql(after, "SELECT count(*) FROM kept"))
                .as("the data from before")
                .isEqualTo("51");
        assertThat(psql(after, "SELECT count(*) FROM pg_tables WHERE tablename = 'after_restore'"))
                .isEqualTo("1");
        for (String node : NODES) {
            if (!node.equals(after)) {
                await(node + " streams the old data again")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> "51".equals(psqlOrNull(node, "SELECT count(*) FROM kept")));
            }
            assertThat(docker("exec", STACK + "-" + node, "sh", "-c", "ls -a /home/postgres/pgdata")
                            .stdout())
                    .as("nothing set aside left on " + node)
                    .doesNotContain(".pgha-before-restore-");
        }
        assertThat(docker("ps", "-aq", "--filter", "label=io.pgha.restore-helper=" + STACK)
                        .stdout()
                        .strip())
                .as("no helper left")
                .isEmpty();
    }

    @Test
    @Order(5)
    void theDisasterDrillLosesOnlyTheArchivesLagAndEndsWithAHealthyCluster() {
        Cli.Result refused = Cli.run("drill", "disaster", "-c", STACK);
        assertThat(refused.exitCode()).as(refused.describe()).isNotZero();
        assertThat(refused.stderr()).contains("Add --yes", "nothing was changed");
        assertThat(leader()).as("nothing removed without --yes").isNotNull();

        // case 4 deleted WAL from the archive on purpose: a restore from the backups before that gap stops at it
        Cli.Result backup = Cli.run("backup", "now", "-c", STACK, "--type", "full");
        assertThat(backup.exitCode()).as(backup.describe()).isZero();
        long start = System.nanoTime();
        Cli.Result r = Cli.run("drill", "disaster", "-c", STACK, "--yes", "--json");
        System.out.println(r.stdout()
                + r.stderr()
                        .lines()
                        .filter(l -> l.contains("✔") || l.contains("✘"))
                        .toList());
        System.out.println("disaster drill: " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        JsonNode result = json(r).path("result");
        assertThat(json(r).path("passed").asBoolean()).isTrue();
        assertThat(result.path("removed").toString())
                .as("every node and its data volume removed")
                .contains(
                        STACK + "-pg-0", STACK + "-pg-1", STACK + "-pg-2", STACK + "_pg-0-data", STACK + "_pg-2-data");
        long acknowledged = result.path("acknowledgedWrites").asLong();
        assertThat(acknowledged).as(r.stdout()).isPositive();
        assertThat(result.path("lostOutOfOrder").asLong())
                .as("only the newest acknowledged rows may be missing: the archive's lag")
                .isZero();
        assertThat(result.path("restoredRows").asLong())
                .as("the archive had rows written during the drill: archive_timeout switched segments (ADR 46)")
                .isPositive();
        assertThat(result.path("lostWrites").asLong()).isLessThan(acknowledged);
        String leader = leader();
        for (String node : NODES) {
            if (!node.equals(leader)) {
                await(node + " streams from the restored leader")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> "streaming".equals(psqlOrNull(node, "SELECT status FROM pg_stat_wal_receiver")));
            }
        }
    }

    private static String leader() {
        for (String node : NODES) {
            if ("f".equals(psqlOrNull(node, "SELECT pg_is_in_recovery()"))) {
                return node;
            }
        }
        throw new AssertionError("no leader in " + STACK);
    }

    private static String psql(String node, String sql) {
        return NodeSql.psql(STACK, node, sql);
    }

    private static String psqlOrNull(String node, String sql) {
        return NodeSql.psqlOrNull(STACK, node, sql);
    }
}
