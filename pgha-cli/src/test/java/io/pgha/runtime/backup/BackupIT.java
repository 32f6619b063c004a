package io.pgha.runtime.backup;

import static io.pgha.runtime.backup.NodeSql.json;
import static io.pgha.runtime.testsupport.ComposeStack.docker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.runtime.testsupport.Cli;
import io.pgha.runtime.testsupport.Commands;
import io.pgha.runtime.testsupport.TestMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Backups on a real stack made by `pgha up --images local` (docs/decisions/0021), its own name and ports so it never
 * meets pg-ha: a first full backup within a minute of up, `backup check` passing, `backup now --type incr` on top of it,
 * after a switchover a WAL segment switched on the new primary reaches the archive (and the old primary's
 * restore_command gets it back, docs/decisions/0070), and the supervisor takes the
 * differential backup the spec's schedule (diff_every 1m, the shortest the spec allows) makes due by itself
 * (docs/decisions/0027). In the minute before that backup is due, {@code pgha drill pitr} restores the stack's
 * repository into a new stack (docs/decisions/0022): it takes no backup of this stack, so it fills a wait that was idle
 * (docs/decisions/0054). The repository is a 256 MiB tmpfs volume made before up, which the last case fills: a failing
 * health check and a backup check that say so, then archiving resumes without a hole (docs/decisions/0056).
 *
 * <p>The order keeps the scheduled differential backup out of the tests before it: a differential is due a minute after
 * the newest backup ends, and every test that takes one (the full one of up, the incremental, the frozen full) follows
 * the one before within seconds; the switchover comes right after up's full backup, so no backup is due while it runs,
 * and the wait for the differential starts as the last full one ends. On a slow machine the switchover can outlast the
 * minute: the differential then comes before the incremental, which builds on it (the CI run of 02a5b6c).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupIT {

    private static final String STACK = "bk19";
    private static final String PITR = "bk19r";
    private static final String REPOSITORY = STACK + "_backups";
    private static final List<String> NODES = List.of("pg-0", "pg-1", "pg-2");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path configDir;
    private static Path pitrSpec;
    private static long upDoneNanos;
    private static String firstFullId;

    @BeforeAll
    static void stackWithBackups() throws IOException {
        TestMachine.requireDockerWithLocalImages();
        configDir = Files.createTempDirectory("pgha-it-backups");
        System.setProperty("pgha.config.dir", configDir.toString());
        for (String s : List.of(STACK, PITR)) {
            Cli.run("down", "--name", s, "--volumes", "--yes");
        }
        pitrSpec = configDir.resolve("bk19r.yml");
        Files.writeString(pitrSpec, """
                name: bk19r
                ports: {write: 15600, read: 15601, stats: 15604, patroni: 15608, etcd: 15679, exporter: 15687,
                        prometheus: 15690}
                monitoring: {prometheus: false}
                """);
        Path spec = configDir.resolve("bk19.yml");
        Files.writeString(spec, """
                name: bk19
                ports: {write: 15400, read: 15401, stats: 15404, patroni: 15408, etcd: 15379, exporter: 15387,
                        prometheus: 15390}
                monitoring: {prometheus: false}
                backups: {full_every: 30d, diff_every: 1m}
                """);
        // the repository on a volume made ahead of up, as a user puts it on its own disk: here a 256 MiB tmpfs, which
        // the last case fills
        Commands.Result volume = docker(
                "volume",
                "create",
                "--driver",
                "local",
                "--opt",
                "type=tmpfs",
                "--opt",
                "device=tmpfs",
                "--opt",
                "o=size=256m",
                "--label",
                "io.pgha.stack=" + STACK,
                "--label",
                "io.pgha.role=backups",
                REPOSITORY);
        assertThat(volume.exitCode()).as(volume.describe()).isZero();
        Cli.Result up = Cli.runOk("up", "--spec", spec.toString(), "--images", "local", "--json");
        upDoneNanos = System.nanoTime();
        JsonNode step = null;
        for (String line : up.stdout().split("\n")) {
            JsonNode l = JSON.readTree(line);
            if (l.path("status").asText().equals("done")) {
                System.out.println("  step " + l.path("step").asText() + ": "
                        + l.path("elapsed_ms").asLong() + " ms");
            }
            if (l.path("step").asText().equals("backups")
                    && l.path("status").asText().equals("done")) {
                step = l;
            }
            if (l.path("type").asText().equals("result")) {
                System.out.println(
                        "pgha up with backups: " + l.path("elapsed_ms").asLong() + " ms");
            }
        }
        assertThat(step).as("the backups step of up: " + up.describe()).isNotNull();
        // the first full backup runs in the background: the step is one docker exec, not the backup
        assertThat(step.path("elapsed_ms").asLong())
                .as("the backups step's time (ms)")
                .isLessThan(1500);
    }

    @AfterAll
    static void leaveNothing() {
        for (String s : List.of(PITR, STACK)) {
            Cli.run("down", "--name", s, "--volumes", "--yes");
        }
        System.clearProperty("pgha.config.dir");
    }

    @Test
    @Order(1)
    void aFreshStackHasAFullBackupSoonAfterUp() {
        AtomicReference<JsonNode> list = new AtomicReference<>();
        // the target is a minute (issue 19); a figure, not a timed assert (the developers' guide): a CI run under load
        // once took longer, and what pgBackRest said is printed then
        Duration left = Duration.ofMinutes(3).minusNanos(System.nanoTime() - upDoneNanos);
        await("a full backup in the repository")
                .atMost(left.isNegative() ? Duration.ofSeconds(1) : left)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    list.set(json(Cli.runOk("backup", "list", "-c", STACK, "--json")));
                    return list.get().path("backups").size() > 0;
                });
        JsonNode full = list.get().path("backups").get(0);
        System.out.println("first full backup " + full.path("id").asText() + ": "
                + full.path("start").asText() + " .. "
                + full.path("stop").asText() + ", " + full.path("size_bytes").asLong() + " bytes, "
                + (System.nanoTime() - upDoneNanos) / 1_000_000 + " ms after up returned (seen)");
        String firstLog = docker("exec", STACK + "-" + full.path("member").asText(), "cat", PgBackRest.FIRST_BACKUP_LOG)
                .stdout();
        if (System.nanoTime() - upDoneNanos > Duration.ofMinutes(1).toNanos()) {
            System.out.println("[BackupIT] the first full backup came after more than a minute; its log:\n" + firstLog);
        }
        assertThat(firstLog)
                .as("the archiver woken right after stanza-create (no 60 s back-off before the first backup's WAL)")
                .contains("first-backup: stanza ready, archiver woken");
        assertThat(full.path("type").asText()).isEqualTo("full");
        firstFullId = full.path("id").asText();
        assertThat(full.path("member").asText()).isIn(NODES);
        assertThat(full.path("wal_start").asText()).hasSize(24);
        assertThat(full.path("wal_stop").asText()).hasSize(24);
        assertThat(full.path("size_bytes").asLong()).isPositive();
        assertThat(list.get().path("stanza").asText()).isEqualTo(STACK);
        // the volume is the stack's
        assertThat(docker("volume", "ls", "-q", "--filter", "label=io.pgha.stack=" + STACK)
                        .stdout())
                .contains(STACK + "_backups");
    }

    @Test
    @Order(2)
    void backupCheckPassesAndShowsTheArchive() {
        Cli.Result r = Cli.run("backup", "check", "-c", STACK, "--json");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        JsonNode check = json(r);
        assertThat(check.path("ok").asBoolean()).isTrue();
        assertThat(check.path("archive").path("last_archived_wal").asText()).isNotEmpty();
        assertThat(check.path("archive").path("lag_bytes").isNumber()).isTrue();
        assertThat(Cli.runOk("backup", "check", "-c", STACK).stdout()).startsWith("OK");
    }

    @Test
    @Order(4)
    void anIncrementalBackupBuildsOnTheFullOne() {
        JsonNode incr = json(Cli.runOk("backup", "now", "-c", STACK, "--type", "incr", "--json"));
        assertThat(incr.path("type").asText()).isEqualTo("incr");
        System.out.println("incremental backup " + incr.path("id").asText() + ": "
                + incr.path("start").asText() + " .. " + incr.path("stop").asText());
        // pgBackRest bases an incremental on the newest backup: up's full one, or the scheduled differential on top of
        // it when the switchover before took longer than diff_every (a label "F_…D" starts with its full's label)
        assertThat(incr.path("prior").asText()).startsWith(firstFullId).matches("\\d{8}-\\d{6}F(_\\d{8}-\\d{6}D)?");
        assertThat(incr.path("member").asText()).isEqualTo(leader());
        assertThat(Cli.runOk("backup", "list", "-c", STACK).stdout())
                .contains(incr.path("id").asText());
    }

    @Test
    @Order(5)
    void backupNowWhileABackupRunsSaysSoAndWhatToDo() {
        String leader = leader();
        String container = STACK + "-" + leader;
        // a real full backup, started as the supervisor starts its own, frozen (SIGSTOP) once it holds the stanza's
        // lock so that it is still running when backup now meets it, then let go (docs/decisions/0034)
        Commands.Result started = docker(
                "exec",
                "-d",
                container,
                "runuser",
                "-u",
                "postgres",
                "--",
                "pgbackrest",
                "--stanza=" + STACK,
                "--type=full",
                "--annotation=" + PgBackRestInfo.MEMBER_ANNOTATION + "=" + leader,
                "backup");
        assertThat(started.exitCode()).as(started.stderr()).isZero();
        AtomicReference<String> pid = new AtomicReference<>();
        await("the full backup's process in " + container)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    List<String> find = new java.util.ArrayList<>(List.of("exec", container));
                    find.addAll(RunningBackup.findCommand());
                    String out = docker(find.toArray(String[]::new)).stdout().strip();
                    pid.set(out.isEmpty() ? null : out.split(" ")[0]);
                    return pid.get() != null;
                });
        assertThat(docker("exec", container, "kill", "-STOP", pid.get()).exitCode())
                .as("the backup frozen while it runs")
                .isZero();
        try {
            Cli.Result now = Cli.run("backup", "now", "-c", STACK, "--type", "incr");
            System.out.println("backup now during a backup: exit " + now.exitCode() + ": "
                    + now.stderr().strip());
            assertThat(now.exitCode()).as(now.describe()).isEqualTo(8);
            assertThat(now.stderr())
                    .as(now.describe())
                    .contains("a full backup is already running on " + leader + ", since ")
                    .contains("Wait for it to end: pgha backup list shows it")
                    .doesNotContain("pgBackRest error");
            assertThat(json(Cli.runOk("backup", "list", "-c", STACK, "--json"))
                            .path("backup_running")
                            .asBoolean())
                    .isTrue();
        } finally {
            docker("exec", container, "kill", "-CONT", pid.get());
        }
        // pgBackRest's info may call the lock free a moment before the resumed backup is in its list: wait for both
        await("the full backup done and listed")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    JsonNode list = json(Cli.runOk("backup", "list", "-c", STACK, "--json"));
                    assertThat(list.path("backup_running").asBoolean()).isFalse();
                    assertThat(list.path("backups").findValuesAsText("type"))
                            .containsSubsequence("full", "incr", "full");
                });
    }

    @Test
    @Order(3)
    void afterASwitchoverTheNewPrimaryArchives() {
        String before = leader();
        // on a loaded machine pgha may not see the members yet: it then sends nothing and says so; ask again
        AtomicReference<Cli.Result> switchover = new AtomicReference<>();
        await("a switchover accepted").atMost(Duration.ofSeconds(90)).until(() -> {
            switchover.set(Cli.run("switchover", "--cluster", STACK, "--yes"));
            assertThat(switchover.get().stderr())
                    .as(switchover.get().describe())
                    .satisfiesAnyOf(
                            e -> assertThat(switchover.get().exitCode()).isZero(),
                            e -> assertThat(e).contains("nothing was sent"));
            return switchover.get().exitCode() == 0;
        });
        await("a new leader").atMost(Duration.ofSeconds(60)).until(() -> {
            String now = leaderOrNull();
            return now != null && !now.equals(before);
        });
        String leader = leader();
        // a segment written and switched on the new primary, on its new timeline
        String segment = psql(leader, "SELECT pg_walfile_name(pg_current_wal_lsn())");
        psql(leader, "CREATE TABLE IF NOT EXISTS backup_it(n int); INSERT INTO backup_it VALUES (1)");
        psql(leader, "SELECT pg_switch_wal()");
        assertThat(segment.substring(0, 8)).isNotEqualTo("00000001");
        await("segment " + segment + " from " + leader + " in the archive")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    String max = json(Cli.runOk("backup", "list", "-c", STACK, "--json"))
                            .path("archive_max")
                            .asText();
                    return max.compareTo(segment) >= 0;
                });
        Cli.Result check = Cli.run("backup", "check", "-c", STACK, "--json");
        assertThat(check.exitCode()).as(check.describe()).isZero();
        assertThat(json(check).path("leader").asText()).isEqualTo(leader);
        theOldPrimarysRestoreCommandFetchesFromTheArchive(before, leader, segment);
    }

    /**
     * docs/decisions/0070: the old primary, a replica now, runs with a restore_command (Patroni wrote it, PostgreSQL
     * reports it); that command, run as PostgreSQL runs it (a shell, as postgres), gets the segment just archived
     * from the repository into a temporary path, byte for byte the new primary's.
     */
    private static void theOldPrimarysRestoreCommandFetchesFromTheArchive(
            String replica, String leader, String segment) {
        long start = System.nanoTime();
        String command = psql(replica, "SELECT current_setting('restore_command')");
        assertThat(command).contains("--stanza=" + STACK).contains("archive-get %f");
        String into = "/tmp/restore-command-" + segment;
        Commands.Result get = docker(
                "exec",
                "-u",
                "postgres",
                STACK + "-" + replica,
                "sh",
                "-c",
                command.replace("%f", segment).replace("%p", into) + " || exit $?; sha256sum < " + into + "; rm -f "
                        + into);
        assertThat(get.exitCode()).as(command + ": " + get.describe()).isZero();
        String archived = get.stdout().strip();
        String original = docker(
                        "exec",
                        STACK + "-" + leader,
                        "sh",
                        "-c",
                        "sha256sum < /home/postgres/pgdata/pgroot/data/pg_wal/" + segment)
                .stdout()
                .strip();
        assertThat(archived)
                .as("segment " + segment + " from the archive")
                .isNotEmpty()
                .isEqualTo(original);
        System.out.println("restore_command on " + replica + " (" + command + ") fetched " + segment + ": "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    /**
     * {@code pgha drill pitr} (issue 19): writers through the router, a moment T, more writes, the table dropped, the
     * repository restored to T into a new stack (kept, to look at): every row acknowledged before T is there, none sent
     * after T; a full pgha stack with its credentials and its replicas streaming the restored rows; the source keeps
     * its leader and its archive. Then the new stack goes, before the differential's wait ends.
     */
    @Test
    @Order(6)
    void thePitrDrillRestoresIntoANewStackEveryRowAcknowledgedBeforeTAndNothingSentAfter() {
        String sourceLeader = leader();
        long start = System.nanoTime();
        Cli.Result r = Cli.run(
                "drill", "pitr", "-c", STACK, "--into", PITR, "--into-spec", pitrSpec.toString(), "--keep", "--json");
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
        String leader = leaderOf(PITR);
        // a full pgha stack: its credentials, its replicas streaming from the restored leader
        JsonNode credentials = json(Cli.runOk("credentials", PITR, "--json"));
        assertThat(credentials.path("write_uri").asText()).contains(":15600/");
        for (String node : NODES) {
            if (!node.equals(leader)) {
                await(node + " of " + PITR + " has the restored rows")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> String.valueOf(restored)
                                .equals(NodeSql.psqlOrNull(PITR, node, "SELECT count(*) FROM pgha_drill")));
            }
        }
        assertThat(leader()).as("the source's leader").isEqualTo(sourceLeader);
        Cli.Result check = Cli.run("backup", "check", "-c", STACK, "--json");
        assertThat(check.exitCode()).as(check.describe()).isZero();
        Cli.runOk("down", "--name", PITR, "--volumes", "--yes");
    }

    @Test
    @Order(7)
    void theSupervisorRunsTheScheduledBackupByItself() {
        long waitStarted = System.nanoTime();
        AtomicReference<JsonNode> diff = new AtomicReference<>();
        // only the supervisor takes differential backups here: up takes a full one, the tests above an incremental one
        // and a full one, the pitr drill none of this stack's
        await("a differential backup the supervisor took")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    for (JsonNode b : json(Cli.runOk("backup", "list", "-c", STACK, "--json"))
                            .path("backups")) {
                        if (b.path("type").asText().equals("diff")) {
                            diff.set(b);
                        }
                    }
                    return diff.get() != null;
                });
        JsonNode b = diff.get();
        System.out.println("scheduled differential backup " + b.path("id").asText() + " on "
                + b.path("member").asText() + ": " + b.path("start").asText() + " .. "
                + b.path("stop").asText() + ", seen " + (System.nanoTime() - waitStarted) / 1_000_000
                + " ms after the wait began");
        assertThat(b.path("prior").asText()).endsWith("F");
        String log = docker("logs", STACK + "-pg-supervisor").stdout()
                + docker("logs", STACK + "-pg-supervisor").stderr();
        String started = log.lines()
                .filter(l -> l.contains("scheduled backup starts: diff backup"))
                .findFirst()
                .orElse("");
        System.out.println("supervisor: " + started.strip());
        // every node runs pgBackRest's TLS server, so from a streaming replica, the primary reached through it
        assertThat(started)
                .as(log)
                .contains("diff backup from the replica " + b.path("member").asText());
        assertThat(b.path("member").asText()).isNotEqualTo(leader());
    }

    /**
     * Issue 19: a full backups volume is a failing health check that says so, not a silent gap; once there is room
     * again archiving resumes by itself and the archive has no hole.
     */
    @Test
    @Order(8)
    void aFullRepositoryIsAFailingCheckThatSaysSoAndArchivingResumesWithoutAGap() {
        Commands.Result fill = docker(
                "run",
                "--rm",
                "-v",
                REPOSITORY + ":/repository",
                "--entrypoint",
                "sh",
                "pgha/spilo-17:local",
                "-c",
                "dd if=/dev/zero of=/repository/filler bs=1M 2>/dev/null; df -k /repository | tail -n 1");
        System.out.println("repository filled: " + fill.stdout().strip());
        String leader = leader();
        psql(leader, "CREATE TABLE after_full AS SELECT g FROM generate_series(1, 100000) g");
        psql(leader, "SELECT pg_switch_wal()");
        AtomicReference<JsonNode> failing = new AtomicReference<>();
        await("the WAL archive check failing")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    failing.set(walArchiveCheck());
                    return failing.get() != null
                            && failing.get().path("status").asText().equals("FAIL");
                });
        System.out.println("health check: " + failing.get());
        assertThat(failing.get().path("target").asText()).isEqualTo(leader);
        assertThat(failing.get().path("detail").asText())
                .contains("archive_command failing")
                .contains("not archived")
                .contains("a restore cannot go past")
                .contains("pgha backup check");

        long checkStarted = System.nanoTime();
        Cli.Result check = Cli.run("backup", "check", "-c", STACK);
        System.out.println("backup check on a full repository (" + (System.nanoTime() - checkStarted) / 1_000_000
                + " ms):\n" + check.stdout() + check.stderr());
        assertThat(check.exitCode()).as(check.describe()).isNotZero();
        assertThat(check.stdout() + check.stderr())
                .contains("No space left on device")
                .contains("The backups volume " + REPOSITORY + " is full: make room");

        docker(
                "run",
                "--rm",
                "-v",
                REPOSITORY + ":/repository",
                "--entrypoint",
                "rm",
                "pgha/spilo-17:local",
                "-f",
                "/repository/filler");
        await("the WAL archive check passing again")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    JsonNode c = walArchiveCheck();
                    return c != null && c.path("status").asText().equals("PASS");
                });
        Cli.Result again = Cli.run("backup", "check", "-c", STACK);
        assertThat(again.exitCode())
                .as("no hole in the archive once there is room: " + again.describe())
                .isZero();
    }

    /** The WAL archive's health check in {@code pgha status --json}, or null when that status has none. */
    private static JsonNode walArchiveCheck() {
        Cli.Result r = Cli.run("status", "-c", STACK, "--json", "--timeout", "10s");
        if (r.exitCode() != 0) {
            return null;
        }
        for (JsonNode c : json(r).path("checks")) {
            if (c.path("kind").asText().equals("WAL_ARCHIVE")) {
                return c;
            }
        }
        return null;
    }

    private static String leader() {
        String l = leaderOrNull();
        assertThat(l).as("a leader among " + NODES).isNotNull();
        return l;
    }

    private static String leaderOrNull() {
        return leaderOrNull(STACK);
    }

    private static String leaderOf(String stack) {
        String l = leaderOrNull(stack);
        assertThat(l).as("a leader of " + stack + " among " + NODES).isNotNull();
        return l;
    }

    private static String leaderOrNull(String stack) {
        for (String node : NODES) {
            Commands.Result r = docker(
                    "exec",
                    stack + "-" + node,
                    "psql",
                    "-X",
                    "-tA",
                    "-h",
                    "/var/run/postgresql",
                    "-U",
                    "postgres",
                    "-c",
                    "SELECT pg_is_in_recovery()");
            if (r.exitCode() == 0 && r.stdout().strip().equals("f")) {
                return node;
            }
        }
        return null;
    }

    private static String psql(String node, String sql) {
        return NodeSql.psql(STACK, node, sql);
    }
}
