package io.pgha.runtime.backup;

import static io.pgha.runtime.backup.NodeSql.json;
import static io.pgha.runtime.backup.NodeSql.psql;
import static io.pgha.runtime.backup.NodeSql.psqlOrNull;
import static io.pgha.runtime.testsupport.ComposeStack.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgha.runtime.testsupport.Cli;
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
 * `pgha restore --into` on real stacks (docs/decisions/0022), through `pgha drill pitr`: rows acknowledged before a
 * moment T are in the new stack and what came after T (more rows, then the table dropped) is not; the source stack keeps its own state and leader; a
 * target outside the recoverable window is refused before anything is made; with every PostgreSQL node of the source
 * stopped, the repository volume is enough (docs/decisions/0034). Its own names and ports.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestoreIT {

    private static final String SOURCE = "rs19";
    private static final String INTO = "rs19r";
    private static final String REFUSED = "rs19x";
    private static final String LATEST = "rs19l";
    private static final String OF_BACKUP = "rs19b";
    private static final List<String> NODES = List.of("pg-0", "pg-1", "pg-2");
    private static Path configDir;
    private static Path intoSpec;
    private static String target;
    private static String firstBackup;
    private static Path smallSpec;
    private static String sourceLeader;

    @BeforeAll
    static void sourceStackWithABackupAndAMoment() throws IOException {
        TestMachine.requireDockerWithLocalImages();
        configDir = Files.createTempDirectory("pgha-it-restore");
        System.setProperty("pgha.config.dir", configDir.toString());
        for (String s : List.of(SOURCE, INTO, REFUSED, LATEST, OF_BACKUP)) {
            Cli.run("down", "--name", s, "--volumes", "--yes");
        }
        Path spec = configDir.resolve("rs19.yml");
        Files.writeString(spec, """
                name: rs19
                ports: {write: 15500, read: 15501, stats: 15504, patroni: 15508, etcd: 15579, exporter: 15587,
                        prometheus: 15590}
                monitoring: {prometheus: false}
                """);
        intoSpec = configDir.resolve("rs19r.yml");
        Files.writeString(intoSpec, """
                name: rs19r
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
        Cli.runOk("up", "--spec", spec.toString(), "--images", "local");
        await("the first full backup of " + SOURCE)
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> json(Cli.runOk("backup", "list", "-c", SOURCE, "--json"))
                                .path("backups")
                                .size()
                        > 0);
        firstBackup = json(Cli.runOk("backup", "list", "-c", SOURCE, "--json"))
                .path("backups")
                .get(0)
                .path("id")
                .asText();
        sourceLeader = leader(SOURCE);
        psql(SOURCE, sourceLeader, "CREATE TABLE drill(n int PRIMARY KEY)");
        psql(SOURCE, sourceLeader, "INSERT INTO drill SELECT generate_series(1, 100)");
        // T: the server's clock after the first 100 rows committed; everything below commits after it
        target = psql(
                SOURCE,
                sourceLeader,
                "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC'," + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')");
        psql(SOURCE, sourceLeader, "INSERT INTO drill SELECT generate_series(101, 110)");
        psql(SOURCE, sourceLeader, "DROP TABLE drill");
        psql(SOURCE, sourceLeader, "CREATE TABLE after_drop(n int)");
    }

    @AfterAll
    static void leaveNothing() {
        for (String s : List.of(INTO, REFUSED, LATEST, OF_BACKUP, SOURCE)) {
            Cli.run("down", "--name", s, "--volumes", "--yes");
        }
        System.clearProperty("pgha.config.dir");
    }

    @Test
    @Order(1)
    void aTargetOutsideTheWindowIsRefusedBeforeAnythingIsMade() {
        for (String outside : List.of(Instant.now().plus(Duration.ofHours(1)).toString(), "2001-01-01T00:00:00Z")) {
            Cli.Result r =
                    Cli.run("restore", "-c", SOURCE, "--into", REFUSED, "--to", outside, "--spec", intoSpec.toString());
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

    /**
     * {@code pgha drill pitr} (issue 19): writers through the router, a moment T, more writes, the table dropped, the
     * repository restored to T into a new stack (kept, to look at): every row acknowledged before T is there, none sent
     * after T; a full pgha stack with its credentials and its replicas streaming the restored rows.
     */
    @Test
    @Order(2)
    void thePitrDrillRestoresIntoANewStackEveryRowAcknowledgedBeforeTAndNothingSentAfter() {
        long start = System.nanoTime();
        Cli.Result r = Cli.run(
                "drill", "pitr", "-c", SOURCE, "--into", INTO, "--into-spec", intoSpec.toString(), "--keep", "--json");
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println(r.stdout() + "\npitr drill: " + ms + " ms");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        JsonNode result = json(r).path("result");
        assertThat(json(r).path("passed").asBoolean()).isTrue();
        assertThat(result.path("acknowledgedBeforeTarget").asLong())
                .as(r.stdout())
                .isGreaterThanOrEqualTo(50);
        assertThat(result.path("lostBeforeTarget").asLong())
                .as("acknowledged before T, missing")
                .isZero();
        assertThat(result.path("presentAfterTarget").asLong())
                .as("sent after T, present")
                .isZero();
        long restored = result.path("restoredRows").asLong();
        assertThat(restored)
                .as("the restored rows: those acknowledged before T and at most the ones in flight at T")
                .isBetween(
                        result.path("acknowledgedBeforeTarget").asLong(),
                        result.path("acknowledgedBeforeTarget").asLong()
                                + result.path("inFlightAtTarget").asLong()
                                + 2);
        String leader = leader(INTO);
        // a full pgha stack: its credentials, its replicas streaming from the restored leader
        JsonNode credentials = json(Cli.runOk("credentials", INTO, "--json"));
        assertThat(credentials.path("write_uri").asText()).contains(":15600/");
        for (String node : NODES) {
            if (!node.equals(leader)) {
                await(node + " of " + INTO + " has the restored rows")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> String.valueOf(restored)
                                .equals(psqlOrNull(INTO, node, "SELECT count(*) FROM pgha_drill")));
            }
        }
    }

    @Test
    @Order(3)
    void theSourceStackIsUntouched() {
        assertThat(leader(SOURCE)).isEqualTo(sourceLeader);
        assertThat(psql(SOURCE, sourceLeader, "SELECT count(*) FROM pg_tables WHERE tablename = 'drill'"))
                .as("the source keeps its own later state: the table dropped")
                .isEqualTo("0");
        Cli.Result check = Cli.run("backup", "check", "-c", SOURCE, "--json");
        assertThat(check.exitCode()).as(check.describe()).isZero();
    }

    @Test
    @Order(4)
    void fromASourceWhoseNodesAreAllStoppedLatestHasEverythingArchivedAndABackupIdStopsAtThatBackup() {
        // the repository volume is enough (docs/decisions/0034): every PostgreSQL node of the source stopped, its
        // window read from the volume in a helper, to the newest commit in the archive (the check above archived it)
        for (String node : NODES) {
            docker("stop", SOURCE + "-" + node);
        }
        String outside = Instant.now().plus(Duration.ofHours(1)).toString();
        Cli.Result refused =
                Cli.run("restore", "-c", SOURCE, "--into", REFUSED, "--to", outside, "--spec", intoSpec.toString());
        System.out.println("without a leader: " + refused.stderr().strip());
        assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(2);
        String end = refused.stderr().replaceAll("(?s).*recoverable window \\S+ \\.\\. (\\S+) .*", "$1");
        assertThat(Instant.parse(end))
                .as("the window's end: the newest commit in the archive, after T")
                .isAfter(Instant.parse(target))
                .isBefore(Instant.now());
        Cli.Result latest = restore(LATEST, "--latest");
        assertThat(latest.exitCode()).as(latest.describe()).isZero();
        assertThat(latest.stdout()).contains("the window was read from its repository volume");
        assertThat(tables(LATEST))
                .as("the last change before the restore is there, the dropped table is not")
                .isEqualTo("after_drop");
        Cli.runOk("down", "--name", LATEST, "--volumes", "--yes");

        Cli.Result ofBackup = restore(OF_BACKUP, "--backup", firstBackup);
        assertThat(ofBackup.exitCode()).as(ofBackup.describe()).isZero();
        assertThat(tables(OF_BACKUP))
                .as("backup " + firstBackup + " was taken before both tables")
                .isEmpty();
    }

    private static String tables(String stack) {
        return psql(
                stack,
                "pg-0",
                "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables"
                        + " WHERE tablename IN ('drill', 'after_drop')");
    }

    private static Cli.Result restore(String into, String... target) {
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
        for (String node : NODES) {
            if ("f".equals(psqlOrNull(stack, node, "SELECT pg_is_in_recovery()"))) {
                return node;
            }
        }
        throw new AssertionError("no leader in " + stack);
    }
}
