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
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * `pgha restore` on one real stack with backups: 100 rows committed before a moment T, 10 more, the table dropped and
 * another table made after it. Its own names and ports.
 *
 * <p>First into new stacks (docs/decisions/0022), which leave the source as it is: a target outside the recoverable
 * window is refused before anything is made, and the source keeps its own state and leader; with every PostgreSQL node
 * of the source stopped, the repository volume is enough for `--latest` and `--backup` (docs/decisions/0034). The
 * restore into a new stack to a moment under writers, `pgha drill pitr`, runs in BackupIT's idle minute.
 *
 * <p>Then in place (docs/decisions/0025), last because it rewrites the data the cases above read: without --yes and a
 * terminal it refuses and says what it would replace, a target outside the window is refused, and neither stops
 * anything; the stack itself restored to T has exactly the 100 rows on its leader and both replicas, on the same name
 * and ports, nothing set aside left, and a new full backup and pgBackRest's check pass on the new timeline; a restore
 * whose recovery fails midway (WAL missing from the archive) is rolled back to the data from before
 * (docs/decisions/0034); and `pgha drill disaster` removes every PostgreSQL node with its data volume under writers and
 * rebuilds the stack from its archive, losing only the newest acknowledged rows (docs/decisions/0046).
 *
 * <p>One class, one source stack (docs/decisions/0054): until then RestoreIT and RestoreInPlaceIT made a stack of the
 * same spec each.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestoreIT {

    private static final String SOURCE = "rs19";
    private static final String REFUSED = "rs19x";
    private static final String LATEST = "rs19l";
    private static final String OF_BACKUP = "rs19b";
    private static final List<String> NODES = List.of("pg-0", "pg-1", "pg-2");
    /** The server's clock in UTC, as `--to` takes it. */
    private static final String NOW_UTC =
            "to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

    private static Path configDir;
    private static Path refusedSpec;
    private static String target;
    private static String firstBackup;
    private static Path smallSpec;
    private static String sourceLeader;

    @BeforeAll
    static void sourceStackWithABackupAndAMoment() throws IOException {
        TestMachine.requireDockerWithLocalImages();
        configDir = Files.createTempDirectory("pgha-it-restore");
        System.setProperty("pgha.config.dir", configDir.toString());
        for (String s : List.of(SOURCE, REFUSED, LATEST, OF_BACKUP)) {
            Cli.run("down", "--name", s, "--volumes", "--yes");
        }
        Path spec = configDir.resolve("rs19.yml");
        Files.writeString(spec, """
                name: rs19
                ports: {write: 15500, read: 15501, stats: 15504, patroni: 15508, etcd: 15579, exporter: 15587,
                        prometheus: 15590}
                monitoring: {prometheus: false}
                """);
        refusedSpec = configDir.resolve("rs19x.yml");
        Files.writeString(refusedSpec, """
                name: rs19x
                ports: {write: 15600, read: 15601, stats: 15604, patroni: 15608, etcd: 15679, exporter: 15687,
                        prometheus: 15690}
                monitoring: {prometheus: false}
                """);
        // one node, one etcd member: the --latest and --backup restores, one after the other on the same ports
        smallSpec = configDir.resolve("small.yml");
        Files.writeString(smallSpec, """
                name: small
                nodes: 1
                etcd_members: 1
                ports: {write: 15700, read: 15701, stats: 15704, patroni: 15708, etcd: 15779, exporter: 15787,
                        prometheus: 15790}
                monitoring: {prometheus: false}
                """);
        System.out.println(
                Cli.runOk("up", "--spec", spec.toString(), "--images", "local").stdout());
        awaitTheFirstFullBackup();
        firstBackup = json(Cli.runOk("backup", "list", "-c", SOURCE, "--json"))
                .path("backups")
                .get(0)
                .path("id")
                .asText();
        sourceLeader = leader(SOURCE);
        psql(SOURCE, sourceLeader, "CREATE TABLE drill(n int PRIMARY KEY)");
        psql(SOURCE, sourceLeader, "INSERT INTO drill SELECT generate_series(1, 100)");
        // T: the server's clock after the first 100 rows committed; everything below commits after it
        target = psql(SOURCE, sourceLeader, "SELECT " + NOW_UTC);
        psql(SOURCE, sourceLeader, "INSERT INTO drill SELECT generate_series(101, 110)");
        psql(SOURCE, sourceLeader, "DROP TABLE drill");
        psql(SOURCE, sourceLeader, "CREATE TABLE after_drop(n int)");
    }

    private static void awaitTheFirstFullBackup() {
        try {
            await("the first full backup of " + SOURCE)
                    .atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> json(Cli.runOk("backup", "list", "-c", SOURCE, "--json"))
                                    .path("backups")
                                    .size()
                            > 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            for (String node : NODES) {
                System.out.println(node + ": "
                        + docker(
                                        "exec",
                                        SOURCE + "-" + node,
                                        "sh",
                                        "-c",
                                        "tail -n 20 /home/postgres/pgdata/pgbackrest/log/*")
                                .stdout());
            }
            throw e;
        }
    }

    @AfterAll
    static void leaveNothing() {
        for (String s : List.of(REFUSED, LATEST, OF_BACKUP, SOURCE)) {
            Cli.run("down", "--name", s, "--volumes", "--yes");
        }
        System.clearProperty("pgha.config.dir");
    }

    @Test
    @Order(1)
    void aTargetOutsideTheWindowIsRefusedBeforeAnythingIsMade() {
        for (String outside : List.of(Instant.now().plus(Duration.ofHours(1)).toString(), "2001-01-01T00:00:00Z")) {
            Cli.Result r = Cli.run(
                    "restore", "-c", SOURCE, "--into", REFUSED, "--to", outside, "--spec", refusedSpec.toString());
            assertThat(r.exitCode()).as(r.describe()).isNotZero();
            assertThat(r.stderr())
                    .as(r.describe())
                    .contains("outside the recoverable window")
                    .contains(outside.substring(0, 10));
        }
        Cli.Result noZone = Cli.run("restore", "-c", SOURCE, "--into", REFUSED, "--to", "2026-12-04T20:01:02");
        assertThat(noZone.exitCode()).as(noZone.describe()).isNotZero();
        assertThat(noZone.stderr()).contains("with a zone");
        assertThat(docker("ps", "-aq", "--filter", "label=io.pgha.stack=" + REFUSED)
                        .stdout()
                        .strip())
                .as("containers of a refused restore")
                .isEmpty();
        assertThat(docker("volume", "ls", "-q", "--filter", "label=io.pgha.stack=" + REFUSED)
                        .stdout()
                        .strip())
                .as("volumes of a refused restore")
                .isEmpty();
    }

    @Test
    @Order(2)
    void theSourceStackIsUntouched() {
        assertThat(leader(SOURCE)).isEqualTo(sourceLeader);
        assertThat(psql(SOURCE, sourceLeader, "SELECT count(*) FROM pg_tables WHERE tablename = 'drill'"))
                .as("the source keeps its own later state: the table dropped")
                .isEqualTo("0");
        Cli.Result check = Cli.run("backup", "check", "-c", SOURCE, "--json");
        assertThat(check.exitCode()).as(check.describe()).isZero();
    }

    @Test
    @Order(3)
    void fromASourceWhoseNodesAreAllStoppedLatestHasEverythingArchivedAndABackupIdStopsAtThatBackup() {
        // the repository volume is enough (docs/decisions/0034): every PostgreSQL node of the source stopped, its
        // window read from the volume in a helper, to the newest commit in the archive (the check above archived it)
        Commands.Result stopped = docker(everyNode("stop"));
        assertThat(stopped.exitCode()).as(stopped.describe()).isZero();
        String outside = Instant.now().plus(Duration.ofHours(1)).toString();
        Cli.Result refused =
                Cli.run("restore", "-c", SOURCE, "--into", REFUSED, "--to", outside, "--spec", refusedSpec.toString());
        System.out.println("without a leader: " + refused.stderr().strip());
        assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(2);
        String end = refused.stderr().replaceAll("(?s).*recoverable window \\S+ \\.\\. (\\S+) .*", "$1");
        assertThat(Instant.parse(end))
                .as("the window's end: the newest commit in the archive, after T")
                .isAfter(Instant.parse(target))
                .isBefore(Instant.now());
        Cli.Result latest = restoreInto(LATEST, "--latest");
        assertThat(latest.exitCode()).as(latest.describe()).isZero();
        assertThat(latest.stdout()).contains("the window was read from its repository volume");
        assertThat(tables(LATEST))
                .as("the last change before the restore is there, the dropped table is not")
                .isEqualTo("after_drop");
        Cli.runOk("down", "--name", LATEST, "--volumes", "--yes");

        Cli.Result ofBackup = restoreInto(OF_BACKUP, "--backup", firstBackup);
        assertThat(ofBackup.exitCode()).as(ofBackup.describe()).isZero();
        assertThat(tables(OF_BACKUP))
                .as("backup " + firstBackup + " was taken before both tables")
                .isEmpty();
    }

    @Test
    @Order(4)
    void inPlaceWithoutYesOrOutsideTheWindowNothingIsStopped() {
        // the cases below restore the source in place, alone: the stack restored into goes, the stopped nodes start
        Cli.runOk("down", "--name", OF_BACKUP, "--volumes", "--yes");
        startEveryNodeAndAwaitTwoStreamingReplicas();
        Cli.Result unconfirmed = Cli.run("restore", "-c", SOURCE, "--in-place", "--to", target);
        assertThat(unconfirmed.exitCode()).as(unconfirmed.describe()).isNotZero();
        assertThat(unconfirmed.stderr())
                .as(unconfirmed.describe())
                .contains("no terminal to ask on")
                .contains("rs19_pg-0-data, rs19_pg-1-data, rs19_pg-2-data")
                .contains("keeps the backup repository volume rs19_backups");
        Cli.Result outside = Cli.run("restore", "-c", SOURCE, "--in-place", "--to", "2001-01-01T00:00:00Z", "--yes");
        assertThat(outside.exitCode()).as(outside.describe()).isEqualTo(2);
        assertThat(outside.stderr()).as(outside.describe()).contains("outside the recoverable window");
        for (String node : NODES) {
            assertThat(docker("inspect", "-f", "{{.State.Running}}", SOURCE + "-" + node)
                            .stdout()
                            .strip())
                    .as(node + " still running")
                    .isEqualTo("true");
        }
        assertThat(psql(leader(SOURCE), "SELECT count(*) FROM pg_tables WHERE tablename = 'drill'"))
                .isEqualTo("0");
    }

    @Test
    @Order(5)
    void theStackRestoredInPlaceToTHasTheRowsOfTOnEveryNode() {
        String leaderBefore = leader(SOURCE);
        psql(leaderBefore, "CHECKPOINT");
        int timelineBefore = timeline(leaderBefore);
        long start = System.nanoTime();
        Cli.Result r = Cli.run("restore", "-c", SOURCE, "--in-place", "--to", target, "--yes");
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println(r.stdout());
        assertThat(r.exitCode()).as(r.describe()).isZero();
        System.out.println("restore --in-place to " + target + ": " + ms + " ms");
        String leader = leader(SOURCE);
        assertThat(psql(leader, "SELECT count(*) || ' ' || max(n) FROM drill"))
                .as("rows of T, none after")
                .isEqualTo("100 100");
        psql(leader, "CHECKPOINT");
        int timeline = timeline(leader);
        System.out.println("timeline " + timelineBefore + " -> " + timeline);
        assertThat(timeline).as("a new timeline").isGreaterThan(timelineBefore);
        for (String node : NODES) {
            if (!node.equals(leader)) {
                await(node + " has the restored rows")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> "100".equals(psqlOrNull(SOURCE, node, "SELECT count(*) FROM drill")));
            }
            assertNothingSetAsideOn(node);
        }
        assertThat(json(Cli.runOk("credentials", SOURCE, "--json"))
                        .path("write_uri")
                        .asText())
                .contains(":15500/");
    }

    @Test
    @Order(6)
    void aNewFullBackupAndTheArchiveCheckPassOnTheNewTimeline() {
        psql(leader(SOURCE), "CREATE TABLE after_restore(n int)");
        Cli.Result backup = Cli.run("backup", "now", "-c", SOURCE, "--type", "full");
        System.out.println(backup.stdout());
        assertThat(backup.exitCode()).as(backup.describe()).isZero();
        Cli.Result check = Cli.run("backup", "check", "-c", SOURCE);
        System.out.println(check.stdout());
        assertThat(check.exitCode()).as(check.describe()).isZero();
        JsonNode list =
                json(Cli.runOk("backup", "list", "-c", SOURCE, "--json")).path("backups");
        String newBackup = list.path(list.size() - 1).path("id").asText();
        // pgha status: the window and the last backup from the repository, no warning (docs/decisions/0025)
        JsonNode backups =
                json(Cli.runOk("status", SOURCE, "--json", "--timeout", "15s")).path("backups");
        System.out.println("status backups: " + backups);
        assertThat(backups.path("lastBackup").path("id").asText()).isEqualTo(newBackup);
        assertThat(backups.path("windowStart").asText()).isNotEmpty();
        assertThat(backups.path("windowEnd").asText()).isNotEmpty();
        assertThat(backups.path("archive").path("failing").asBoolean()).isFalse();
        assertThat(backups.path("warnings")).isEmpty();
        String text = Cli.runOk("status", SOURCE, "--timeout", "15s").stdout();
        assertThat(text).contains("backups: recoverable window ").contains("last backup " + newBackup);
        assertThat(text).doesNotContain("WARNING:");
    }

    @Test
    @Order(7)
    void anInPlaceRestoreThatFailsMidwayIsRolledBackToTheDataFromBefore() {
        String leader = leader(SOURCE);
        psql(leader, "CREATE TABLE kept AS SELECT generate_series(1, 50) AS n");
        String moment = psql(leader, "SELECT " + NOW_UTC);
        psql(leader, "INSERT INTO kept VALUES (51)");
        psql(leader, "SELECT pg_switch_wal()");
        // a real midway failure (docs/decisions/0034): the archive misses the WAL after the newest backup, so the
        // window check passes (it looks at backups and at the archive's newest segment) and the recovery cannot reach
        // the target; pgBackRest's restore has run and the old data is set aside by then
        JsonNode list =
                json(Cli.runOk("backup", "list", "-c", SOURCE, "--json")).path("backups");
        String stop = list.path(list.size() - 1).path("wal_stop").asText();
        await("the archive past " + stop)
                .atMost(Duration.ofSeconds(60))
                .until(() -> json(Cli.runOk("backup", "list", "-c", SOURCE, "--json"))
                                .path("archive_max")
                                .asText()
                                .compareTo(stop)
                        > 0);
        Commands.Result removed = docker(
                "exec",
                SOURCE + "-" + leader,
                "bash",
                "-c",
                "for f in /home/postgres/backups/archive/" + SOURCE + "/*/*/*; do b=$(basename \"$f\"); s=${b%%-*};"
                        + " if [ ${#s} -eq 24 ] && [ \"$s\" \\> \"$1\" ] && [ \"${s:0:8}\" = \"${1:0:8}\" ];"
                        + " then rm -f \"$f\" && echo \"$s\"; fi; done",
                "remove",
                stop);
        System.out.println(
                "removed from the archive: " + removed.stdout().strip().replace('\n', ' '));
        assertThat(removed.stdout().strip()).as(removed.stderr()).isNotEmpty();

        long start = System.nanoTime();
        Cli.Result r = Cli.run("restore", "-c", SOURCE, "--in-place", "--to", moment, "--yes");
        System.out.println(r.stdout());
        System.out.println("failed restore and its rollback: " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertThat(r.exitCode()).as(r.describe()).isNotZero();
        assertThat(r.stderr())
                .as(r.describe())
                .contains("did not recover to")
                .contains("It was rolled back: rs19 runs again on the data it had before the restore");
        String after = leader(SOURCE);
        assertThat(psql(after, "SELECT count(*) FROM kept"))
                .as("the data from before")
                .isEqualTo("51");
        assertThat(psql(after, "SELECT count(*) FROM pg_tables WHERE tablename = 'after_restore'"))
                .isEqualTo("1");
        for (String node : NODES) {
            if (!node.equals(after)) {
                await(node + " streams the old data again")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> "51".equals(psqlOrNull(SOURCE, node, "SELECT count(*) FROM kept")));
            }
            assertNothingSetAsideOn(node);
        }
        assertThat(docker("ps", "-aq", "--filter", "label=io.pgha.restore-helper=" + SOURCE)
                        .stdout()
                        .strip())
                .as("no helper left")
                .isEmpty();
    }

    @Test
    @Order(8)
    void theDisasterDrillLosesOnlyTheArchivesLagAndEndsWithAHealthyCluster() {
        Cli.Result refused = Cli.run("drill", "disaster", "-c", SOURCE);
        assertThat(refused.exitCode()).as(refused.describe()).isNotZero();
        assertThat(refused.stderr()).contains("Add --yes", "nothing was changed");
        assertThat(leader(SOURCE)).as("nothing removed without --yes").isNotNull();

        // case 7 deleted WAL from the archive on purpose: a restore from the backups before that gap stops at it
        Cli.Result backup = Cli.run("backup", "now", "-c", SOURCE, "--type", "full");
        assertThat(backup.exitCode()).as(backup.describe()).isZero();
        long start = System.nanoTime();
        Cli.Result r = Cli.run("drill", "disaster", "-c", SOURCE, "--yes", "--json");
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
                        SOURCE + "-pg-0",
                        SOURCE + "-pg-1",
                        SOURCE + "-pg-2",
                        SOURCE + "_pg-0-data",
                        SOURCE + "_pg-2-data");
        long acknowledged = result.path("acknowledgedWrites").asLong();
        assertThat(acknowledged).as(r.stdout()).isPositive();
        assertThat(result.path("lostOutOfOrder").asLong())
                .as("only the newest acknowledged rows may be missing: the archive's lag")
                .isZero();
        assertThat(result.path("restoredRows").asLong())
                .as("the archive had rows written during the drill: archive_timeout switched segments (ADR 46)")
                .isPositive();
        assertThat(result.path("lostWrites").asLong()).isLessThan(acknowledged);
        String leader = leader(SOURCE);
        for (String node : NODES) {
            if (!node.equals(leader)) {
                await(node + " streams from the restored leader")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> "streaming"
                                .equals(psqlOrNull(SOURCE, node, "SELECT status FROM pg_stat_wal_receiver")));
            }
        }
    }

    private static void startEveryNodeAndAwaitTwoStreamingReplicas() {
        Commands.Result started = docker(everyNode("start"));
        assertThat(started.exitCode()).as(started.describe()).isZero();
        await("a leader and two streaming replicas in " + SOURCE)
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    String leader = leaderOrNull(SOURCE);
                    return leader != null
                            && NODES.stream()
                                    .filter(n -> !n.equals(leader))
                                    .allMatch(n -> "streaming"
                                            .equals(psqlOrNull(SOURCE, n, "SELECT status FROM pg_stat_wal_receiver")));
                });
    }

    /** {@code docker COMMAND} with every PostgreSQL node's container of the source: the engine acts on them at once. */
    private static String[] everyNode(String command) {
        List<String> args = new java.util.ArrayList<>(List.of(command));
        NODES.forEach(node -> args.add(SOURCE + "-" + node));
        return args.toArray(String[]::new);
    }

    private static void assertNothingSetAsideOn(String node) {
        assertThat(docker("exec", SOURCE + "-" + node, "sh", "-c", "ls -a /home/postgres/pgdata")
                        .stdout())
                .as("nothing set aside left on " + node)
                .doesNotContain(".pgha-before-restore-");
    }

    private static int timeline(String node) {
        return Integer.parseInt(psql(node, "SELECT timeline_id FROM pg_control_checkpoint()"));
    }

    private static String tables(String stack) {
        return NodeSql.psql(
                stack,
                "pg-0",
                "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables"
                        + " WHERE tablename IN ('drill', 'after_drop')");
    }

    private static Cli.Result restoreInto(String into, String... target) {
        long start = System.nanoTime();
        List<String> args = new java.util.ArrayList<>(
                List.of("restore", "-c", SOURCE, "--into", into, "--spec", smallSpec.toString(), "--images", "local"));
        args.addAll(List.of(target));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        System.out.println("restore --into " + into + " " + String.join(" ", target) + ": "
                + (System.nanoTime() - start) / 1_000_000 + " ms\n" + r.stdout());
        return r;
    }

    private static String leader(String stack) {
        String leader = leaderOrNull(stack);
        if (leader == null) {
            throw new AssertionError("no leader in " + stack);
        }
        return leader;
    }

    private static String leaderOrNull(String stack) {
        for (String node : NODES) {
            if ("f".equals(psqlOrNull(stack, node, "SELECT pg_is_in_recovery()"))) {
                return node;
            }
        }
        return null;
    }

    private static String psql(String node, String sql) {
        return NodeSql.psql(SOURCE, node, sql);
    }

    private static String psql(String stack, String node, String sql) {
        return NodeSql.psql(stack, node, sql);
    }

    private static String psqlOrNull(String stack, String node, String sql) {
        return NodeSql.psqlOrNull(stack, node, sql);
    }
}
