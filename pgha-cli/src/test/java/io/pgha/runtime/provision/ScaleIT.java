package io.pgha.runtime.provision;

import static io.pgha.runtime.testsupport.ComposeStack.docker;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.runtime.cli.ExitCodes;
import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.ops.AuditJournal;
import io.pgha.runtime.testsupport.Cli;
import io.pgha.runtime.testsupport.EtcdQuorumWatch;
import io.pgha.runtime.testsupport.NumberedWriter;
import io.pgha.runtime.testsupport.RepoPaths;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Day two on one real stack (issue 21), each case while an application writes through the write port every 50 ms, in
 * order on the same 3-node stack (one {@code up} for all of them):
 * <ol>
 *   <li>`pgha scale` (docs/decisions/0029): 3 → 4 → 3 members. The new member clones from a replica, streams, is in the
 *       router and the synchronous quorum; the removed one leaves them, its volume kept; no write fails. The dry run
 *       and a shrink below one change nothing.
 *   <li>`pgha apply` of PostgreSQL parameters (docs/decisions/0033): shared_buffers (a restart) and work_mem (a reload)
 *       rolled over the replicas, one switchover, the old primary; every member runs the new values, each step audited.
 *   <li>`pgha upgrade --image` (docs/decisions/0037): every PostgreSQL container replaced by one of a re-tagged local
 *       image, data volumes kept, one switchover; a missing image and a no-op refused.
 *   <li>`pgha replace` (docs/decisions/0037): the primary hands over, then gets a new container and volume cloned again
 *       from a replica; the old volume is deleted once it streams.
 *   <li>`pgha replace` of two replicas, no switchover: one whose data is unusable, with --keep-volume (the old data
 *       kept in a volume of its own), then one whose first `pgha replace` is killed (SIGKILL) while it copies the old
 *       data aside, then a second `pgha apply` of the stack's spec finishes it (its partial copy removed).
 *   <li>`pgha replace etcd-2` and `pgha apply` of etcd_members 5, then 3 (docs/decisions/0057): a new member id on a new
 *       volume, then etcd-4 and etcd-5 added and removed one at a time; etcd healthy (a quorum) at every 200 ms poll,
 *       the saved connection's endpoints follow, every step audited.
 *   <li>`pgha chaos --for 2m --seed 7 --json` (docs/decisions/0032), last: five fault kinds, each drawn at least once,
 *       under the append and bank workloads and the role watcher; nothing lost or duplicated, no bank-total violation,
 *       no split brain, the cluster healthy at the end and the workload tables gone. It ran on a stack of its own (the
 *       same spec: no Prometheus, no backups) until it moved here to save that stack's up and down.
 * </ol>
 * Every acknowledged write is there at the end of each. Its own stack name and ports (43xxx).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleIT {

    private static final String STACK = "sc21";
    private static final int WRITE = 43000;
    private static final String ROUTER = STACK + "-pg-router";
    private static final String PORTS = "ports: {write: 43000, read: 43001, stats: 43004, patroni: 43008, etcd: 43079,"
            + " exporter: 43087, prometheus: 43090}\n";
    /** The "new" image of the upgrade: the local Spilo-like image under another tag, removed at the end. */
    private static final String NEXT_IMAGE = "pgha/spilo-17:sc21-next";

    private static final String BROKEN_IMAGE = "pgha/spilo-17:sc21-broken";

    private static Path configDir;
    private static Path spec;

    @BeforeAll
    static void threeNodes() throws Exception {
        TestMachine.requireDockerWithLocalImages();
        configDir = Files.createTempDirectory("pgha-it-scale");
        System.setProperty("pgha.config.dir", configDir.toString());
        Cli.run("down", "--name", STACK, "--volumes", "--yes");
        spec = configDir.resolve("sc21.yml");
        Files.writeString(spec, "name: sc21\n" + PORTS + """
                monitoring: {prometheus: false}
                backups: {enabled: false}
                """);
        Cli.runOk("up", "--spec", spec.toString(), "--images", "local");
    }

    @AfterAll
    static void leaveNothing() {
        Cli.run("down", "--name", STACK, "--volumes", "--yes");
        docker("volume", "rm", "-f", STACK + "_pg-3-data");
        docker("rmi", NEXT_IMAGE);
        docker("rmi", BROKEN_IMAGE);
        System.clearProperty("pgha.config.dir");
    }

    @Test
    @Order(1)
    void threeToFourToThreeWithoutAWriteLost() throws Exception {
        Cli.Result dry = Cli.runOk("scale", "-c", STACK, "--nodes", "4", "--dry-run");
        assertThat(dry.stdout())
                .containsPattern(
                        "1\\. add pg-3: new replica of image pgha/spilo-17:local cloned from pg-\\d \\(a replica")
                .contains("Dry run");
        assertThat(docker("ps", "-aq", "--filter", "name=" + STACK + "-pg-3")
                        .stdout()
                        .strip())
                .as("a dry run creates nothing")
                .isEmpty();
        Cli.Result zero = Cli.run("scale", "--name", STACK, "--nodes", "0", "--yes");
        assertThat(zero.exitCode()).as(zero.stdout() + zero.stderr()).isNotZero();
        assertThat(zero.stdout() + zero.stderr())
                .as("the deprecated --name still names the stack")
                .contains("at least 1 PostgreSQL node")
                .contains("scale --name is deprecated; use -c/--cluster " + STACK);

        String password = new CredentialStore(configDir).get(STACK).superuser().password();
        try (NumberedWriter writer = new NumberedWriter("scale_writes", () -> connect(password))) {
            writer.awaitFirst();
            long up = System.nanoTime();
            String interrupted = scaleKilledOnceItPrints("waiting until pg-3 streams");
            System.out.println("[ScaleIT] pgha scale killed after:\n" + interrupted);
            // the same four nodes, asked with two synchronous standbys: tightened once pg-3 is in
            Path fourWithTwo = configDir.resolve("sc21-four.yml");
            Files.writeString(fourWithTwo, Files.readString(spec) + "nodes: 4\npatroni: {synchronous_node_count: 2}\n");
            Cli.Result grow = Cli.runOk("apply", "--spec", fourWithTwo.toString(), "--yes");
            long grown = System.nanoTime();
            System.out.println("[ScaleIT] 3 -> 4 in " + (grown - up) / 1_000_000 + " ms:\n" + grow.stdout());
            assertThat(grow.stdout())
                    .as("a second apply finishes the add the killed one began, then tightens the quorum")
                    .containsPattern("1\\. add pg-3: finish adding it[^\n]*\n\\s*2\\. synchronous settings")
                    .contains("[2/2] done")
                    .contains("runs 4 PostgreSQL nodes");
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
                assertThat(query(c, "SHOW synchronous_standby_names"))
                        .contains("pg-3")
                        .startsWith("ANY 2 ");
            }
            assertThat(routerServers()).contains("replicas pg-3 2");
            Cli.Result plainUp = Cli.run("up", "--spec", spec.toString(), "--images", "local");
            assertThat(plainUp.exitCode()).as(plainUp.describe()).isEqualTo(ExitCodes.CONFLICT);
            assertThat(plainUp.stderr())
                    .as("up with the 3-node spec on the scaled stack says how many run, changes nothing")
                    .contains("it runs 4 PostgreSQL nodes, the spec asks for 3")
                    .contains("Nothing was changed");

            long down = System.nanoTime();
            // back to the three-node spec: its one synchronous standby is set before pg-3 leaves
            Cli.Result shrink = Cli.runOk("apply", "--spec", spec.toString(), "--yes");
            long shrunk = System.nanoTime();
            System.out.println("[ScaleIT] 4 -> 3 in " + (shrunk - down) / 1_000_000 + " ms:\n" + shrink.stdout());
            assertThat(shrink.stdout())
                    .containsPattern("1\\. synchronous settings[^\n]*\n\\s*2\\. remove pg-3")
                    .contains("volume sc21_pg-3-data kept");
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
                                    .startsWith("ANY 1 ")
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

    @Test
    @Order(2)
    void sharedBuffersAndWorkMemRolledUnderWritesWithOneSwitchover() throws Exception {
        Path changed = configDir.resolve("sc21-params.yml");
        Files.writeString(changed, "name: sc21\n" + PORTS + """
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
            System.out.println("[ScaleIT roll] apply in " + (end - start) / 1_000_000 + " ms:\n" + apply.stdout());
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
            System.out.println("[ScaleIT roll] " + writer.acknowledged.size() + " writes acknowledged, "
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

    @Test
    @Order(3)
    void upgradeReplacesEveryContainerKeepsTheDataWithOneSwitchover() throws Exception {
        assertThat(docker("tag", "pgha/spilo-17:local", NEXT_IMAGE).exitCode()).isZero();
        Cli.Result missing = Cli.run("upgrade", "-c", STACK, "--image", "pgha/spilo-17:sc21-missing", "--yes");
        assertThat(missing.exitCode()).as(missing.describe()).isNotZero();
        assertThat(missing.stdout() + missing.stderr())
                .contains("image pgha/spilo-17:sc21-missing is not on this machine")
                .contains("docker load");
        Cli.Result same = Cli.run("upgrade", "-c", STACK, "--image", "pgha/spilo-17:local", "--yes");
        assertThat(same.exitCode()).as(same.describe()).isNotZero();
        assertThat(same.stdout() + same.stderr()).contains("already runs pgha/spilo-17:local: nothing to upgrade");

        String leader = leader();

        // an image that is here but cannot run: the first replica's new container exits, the step sees it within
        // seconds (not its 180 s wait), puts the replica back on the image it ran, and the plan stops there with the
        // cluster whole, the steps not done listed and the failure audited
        Path broken = Files.createTempDirectory("sc21-broken");
        Files.writeString(
                broken.resolve("Dockerfile"),
                "FROM pgha/spilo-17:local\nENTRYPOINT [\"sh\", \"-c\", \"echo this image cannot run >&2; exit 3\"]\n");
        assertThat(docker("build", "-q", "-t", BROKEN_IMAGE, broken.toString()).exitCode())
                .isZero();
        long brokenStart = System.nanoTime();
        Cli.Result failed = Cli.run("upgrade", "-c", STACK, "--image", BROKEN_IMAGE, "--yes");
        long brokenMs = (System.nanoTime() - brokenStart) / 1_000_000;
        System.out.println("[ScaleIT broken image] in " + brokenMs + " ms:\n" + failed.stdout() + failed.stderr());
        assertThat(failed.exitCode()).as(failed.describe()).isNotZero();
        assertThat(failed.stdout() + failed.stderr())
                .containsPattern("step 1 \\(replace container of replica pg-\\d\\) failed")
                .contains("stopped running")
                .contains("did not serve on " + BROKEN_IMAGE)
                .contains("on pgha/spilo-17:local again")
                .contains("Not done:")
                .contains("switchover " + leader);
        for (String m : List.of("pg-0", "pg-1", "pg-2")) {
            assertThat(inspect(STACK + "-" + m, "{{.Config.Image}}"))
                    .as(m + " runs the image it ran before the failed upgrade")
                    .isEqualTo("pgha/spilo-17:local");
        }
        assertHealthy();
        assertThat(leader()).as("no switchover: the plan stopped before it").isEqualTo(leader);
        assertThat(audited())
                .as("the failed replacement in the audit journal")
                .anyMatch(a -> a.startsWith("upgrade-node pg-") && a.endsWith(" FAILED"));

        java.util.Map<String, String> before = new java.util.TreeMap<>();
        for (String m : List.of("pg-0", "pg-1", "pg-2")) {
            before.put(m, inspect(STACK + "-" + m, "{{.Id}}"));
        }
        Cli.Result dry = Cli.runOk("upgrade", "-c", STACK, "--image", NEXT_IMAGE, "--dry-run");
        assertThat(dry.stdout())
                .containsPattern("1\\. replace container of replica pg-\\d: new container of image " + NEXT_IMAGE)
                .containsPattern("3\\. switchover " + leader + " → pg-\\d: .*≈1 s of writes")
                .contains("4. replace container of old primary " + leader)
                .contains("Dry run");
        assertThat(inspect(STACK + "-" + leader, "{{.Config.Image}}"))
                .as("a dry run changes nothing")
                .isEqualTo("pgha/spilo-17:local");

        String password = new CredentialStore(configDir).get(STACK).superuser().password();
        try (NumberedWriter writer = new NumberedWriter("upgrade_writes", () -> connect(password))) {
            writer.awaitFirst();
            long start = System.nanoTime();
            Cli.Result upgrade = Cli.runOk("upgrade", "-c", STACK, "--image", NEXT_IMAGE, "--yes");
            long end = System.nanoTime();
            System.out.println("[ScaleIT upgrade] in " + (end - start) / 1_000_000 + " ms:\n" + upgrade.stdout());
            writer.stop();
            assertThat(upgrade.stdout()).contains("[4/4] done");
            for (String m : List.of("pg-0", "pg-1", "pg-2")) {
                assertThat(inspect(STACK + "-" + m, "{{.Config.Image}}"))
                        .as(m + "'s image")
                        .isEqualTo(NEXT_IMAGE);
                assertThat(inspect(STACK + "-" + m, "{{.Id}}"))
                        .as(m + " is a new container")
                        .isNotEqualTo(before.get(m));
                assertThat(settingIn(m, "shared_buffers"))
                        .as(m + " keeps its data and configuration (the roll's shared_buffers)")
                        .isEqualTo("256MB");
            }
            assertThat(leader())
                    .as("one switchover: the old primary is a replica now")
                    .isNotEqualTo(leader);
            Duration gap = writer.longestGap(start, end);
            System.out.println("[ScaleIT upgrade] " + writer.acknowledged.size() + " writes acknowledged, "
                    + writer.failures.size() + " failed, longest gap between acknowledgements " + gap.toMillis()
                    + " ms");
            assertThat(gap).as("the writers' longest gap: one switchover").isLessThan(Duration.ofSeconds(10));
            try (Connection c = connect(password)) {
                assertThat(writer.present(c)).as("every acknowledged write").containsAll(writer.ids);
                assertThat(query(c, "SELECT count(*) FROM scale_writes"))
                        .as("the rows written before the upgrade are still there")
                        .isNotEqualTo("0");
            }
        }
        assertHealthy();
        Cli.Result upAgain = Cli.runOk("up", "--spec", spec.toString(), "--images", "local");
        for (String m : List.of("pg-0", "pg-1", "pg-2")) {
            assertThat(inspect(STACK + "-" + m, "{{.Config.Image}}"))
                    .as("pgha up on the upgraded stack leaves " + m + " on the upgraded image: " + upAgain.stdout())
                    .isEqualTo(NEXT_IMAGE);
        }
        assertThat(audited())
                .as("each replacement in the audit journal")
                .filteredOn(a -> a.startsWith("upgrade-node pg-") && a.endsWith(" SUCCEEDED"))
                .hasSize(3);
        Cli.Result again = Cli.run("upgrade", "-c", STACK, "--image", NEXT_IMAGE, "--dry-run");
        assertThat(again.exitCode())
                .as("a second upgrade is a no-op, refused: " + again.describe())
                .isNotZero();
        assertThat(Cli.runOk("scale", "-c", STACK, "--nodes", "4", "--dry-run").stdout())
                .as("a member added after the upgrade runs the upgraded image, not the labels' profile")
                .contains("add pg-3: new replica of image " + NEXT_IMAGE + " cloned from");
    }

    @Test
    @Order(4)
    void replaceThePrimaryHandsOverThenClonesANewVolumeFromAReplica() throws Exception {
        String old = leader();
        String volume = STACK + "_" + old + "-data";
        String containerBefore = inspect(STACK + "-" + old, "{{.Id}}");
        String volumeBefore = docker("volume", "inspect", "-f", "{{.CreatedAt}}", volume)
                .stdout()
                .strip();
        Cli.Result dry = Cli.runOk("replace", old, "-c", STACK, "--dry-run");
        assertThat(dry.stdout())
                .containsPattern("1\\. switchover " + old + " → pg-\\d")
                .containsPattern("2\\. replace " + old + " \\(new container and volume\\): .*cloned from pg-\\d")
                .contains("Dry run");

        String password = new CredentialStore(configDir).get(STACK).superuser().password();
        try (NumberedWriter writer = new NumberedWriter("replace_writes", () -> connect(password))) {
            writer.awaitFirst();
            long start = System.nanoTime();
            Cli.Result replace = Cli.runOk("replace", old, "-c", STACK, "--yes");
            long end = System.nanoTime();
            System.out.println("[ScaleIT replace] in " + (end - start) / 1_000_000 + " ms:\n" + replace.stdout());
            writer.stop();
            assertThat(replace.stdout()).contains("[2/2] done").contains("deleted");
            String now = leader();
            assertThat(now).as("the primary handed over first").isNotEqualTo(old);
            assertThat(inspect(STACK + "-" + old, "{{.Id}}")).isNotEqualTo(containerBefore);
            assertThat(inspect(STACK + "-" + old, "{{.Config.Image}}"))
                    .as("the replaced member keeps the upgraded image")
                    .isEqualTo(NEXT_IMAGE);
            assertThat(docker("volume", "inspect", "-f", "{{.CreatedAt}}", volume)
                            .stdout()
                            .strip())
                    .as("a new volume")
                    .isNotEqualTo(volumeBefore);
            assertThat(docker("volume", "ls", "-q", "--filter", "name=" + volume + "-replaced-")
                            .stdout()
                            .strip())
                    .as("the old data deleted once the new member streams")
                    .isEmpty();
            String log = docker("logs", STACK + "-" + old).stdout()
                    + docker("logs", STACK + "-" + old).stderr();
            java.util.regex.Matcher source = java.util.regex.Pattern.compile("bootstrap from replica '(pg-\\d)'")
                    .matcher(log);
            assertThat(source.find())
                    .as("Patroni cloned " + old + " again: " + log)
                    .isTrue();
            assertThat(source.group(1))
                    .as("cloned from a replica, not the primary")
                    .isNotEqualTo(now);
            try (Connection c = connect(password)) {
                assertThat(query(
                                c, "SELECT string_agg(application_name || ' ' || state, ',') FROM pg_stat_replication"))
                        .contains(old + " streaming");
                assertThat(writer.present(c)).as("every acknowledged write").containsAll(writer.ids);
            }
            Duration gap = writer.longestGap(start, end);
            System.out.println("[ScaleIT replace] " + writer.acknowledged.size() + " writes acknowledged, "
                    + writer.failures.size() + " failed, longest gap between acknowledgements " + gap.toMillis()
                    + " ms");
            assertThat(gap).as("the writers' longest gap: one switchover").isLessThan(Duration.ofSeconds(10));
        }
        assertHealthy();
        assertThat(audited()).contains("replace-node " + old + " SUCCEEDED");
        Cli.Result unknown = Cli.run("replace", "pg-7", "-c", STACK, "--yes");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.stdout() + unknown.stderr()).contains("has no PostgreSQL member pg-7");
    }

    /**
     * Two replicas replaced under writes, no switchover (issue 21): the first has unusable data (pg_control deleted,
     * PostgreSQL killed: Patroni cannot start it again) and is replaced with --keep-volume, its old data kept in a volume
     * of its own; the second's `pgha replace` runs as its own process and is killed (SIGKILL) while it copies the old
     * data aside, and a second `pgha replace` finishes it. The replicas are taken lowest first, so the killed one is the
     * highest-numbered one when pg-0 leads: a stack's node count is its PostgreSQL containers, and a run that had removed
     * that member's container lost it from the stack.
     */
    @Test
    @Order(5)
    void aBrokenReplicaAndAnInterruptedReplaceLoseNoWriteWithoutASwitchover() throws Exception {
        long caseStart = System.nanoTime();
        String leader = awaitedLeader();
        List<String> replicas = java.util.stream.Stream.of("pg-0", "pg-1", "pg-2")
                .filter(m -> !m.equals(leader))
                .toList();
        String broken = replicas.get(0);
        String killed = replicas.get(1);
        String image = inspect(STACK + "-" + broken, "{{.Config.Image}}");
        String brokenBefore = inspect(STACK + "-" + broken, "{{.Id}}");
        String killedBefore = inspect(STACK + "-" + killed, "{{.Id}}");
        String password = new CredentialStore(configDir).get(STACK).superuser().password();
        try (NumberedWriter writer = new NumberedWriter("broken_writes", () -> connect(password))) {
            writer.awaitFirst();
            long start = System.nanoTime();
            String data = "/home/postgres/pgdata/pgroot/data";
            assertThat(docker(
                                    "exec",
                                    STACK + "-" + broken,
                                    "sh",
                                    "-c",
                                    "rm " + data + "/global/pg_control && kill -9 $(head -1 " + data
                                            + "/postmaster.pid)")
                            .exitCode())
                    .isZero();
            org.awaitility.Awaitility.await(broken + " broken: Patroni cannot start it again")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() ->
                            assertThat(memberStates()).contains(broken + " ").doesNotContain(broken + " streaming"));
            Cli.Result replaced = Cli.runOk("replace", broken, "-c", STACK, "--keep-volume", "--yes");
            long brokenDone = System.nanoTime();
            System.out.println("[ScaleIT broken] replace --keep-volume of the broken " + broken + " in "
                    + (brokenDone - start) / 1_000_000 + " ms:\n" + replaced.stdout());
            assertThat(replaced.stdout())
                    .as("a replica's replacement needs no switchover")
                    .doesNotContain("switchover")
                    .contains("[1/1] done")
                    .contains("the old data is kept in volume " + STACK + "_" + broken + "-data-replaced-");
            assertThat(inspect(STACK + "-" + broken, "{{.Id}}")).isNotEqualTo(brokenBefore);
            assertThat(inspect(STACK + "-" + broken, "{{.Config.Image}}"))
                    .as("the image it ran")
                    .isEqualTo(image);
            String aside = docker("volume", "ls", "-q", "--filter", "name=" + STACK + "_" + broken + "-data-replaced-")
                    .stdout()
                    .strip();
            assertThat(aside).as("the old data kept in a volume of its own").isNotEmpty();
            assertThat(docker(
                                    "run",
                                    "--rm",
                                    "--entrypoint",
                                    "sh",
                                    "-v",
                                    aside + ":/old:ro",
                                    "pgha/spilo-17:local",
                                    "-c",
                                    "test -f /old/pgroot/data/PG_VERSION && test ! -e /old/pgroot/data/global/pg_control")
                            .exitCode())
                    .as("the kept volume holds the broken member's data as it was")
                    .isZero();
            assertThat(docker("volume", "rm", aside).exitCode()).isZero();
            assertStreamingAndRouted(broken, password);

            // pgha replace of the other replica, killed while it copies the old data aside
            String printed = killedOnceItPrints("copying the old data", "replace", killed, "-c", STACK, "--yes");
            System.out.println("[ScaleIT broken] pgha replace " + killed + " killed after:\n" + printed);
            assertThat(inspect(STACK + "-" + killed, "{{.State.Status}}"))
                    .as("the interrupted replace leaves " + killed + "'s container, stopped, with its data")
                    .isEqualTo("exited");
            String partial = docker(
                            "volume", "ls", "-q", "--filter", "name=" + STACK + "_" + killed + "-data-replaced-")
                    .stdout()
                    .strip();
            assertThat(partial)
                    .as("the interrupted copy's volume, labelled with the container it copies")
                    .isNotEmpty()
                    .doesNotContain("\n");
            assertThat(docker("volume", "inspect", "-f", "{{index .Labels \"io.pgha.replaced-container\"}}", partial)
                            .stdout()
                            .strip())
                    .isEqualTo(killedBefore);
            org.awaitility.Awaitility.await("pgha status names the member and its partial copy")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(new ObjectMapper()
                                    .readTree(
                                            Cli.runOk("status", STACK, "--json").stdout())
                                    .path("unfinishedReplaces")
                                    .toString())
                            .contains("\"member\":\"" + killed + "\"", "\"containerRunning\":false", partial));
            // at once, while Patroni still lists the stopped member, a second apply of the stack's spec (not a second
            // replace): it sees the member the replace left stopped and finishes it; only the others must be healthy,
            // and the stack still counts the member (its container), so the new container is made
            Path params = configDir.resolve("sc21-params.yml");
            Cli.Result again = Cli.runOk("apply", "--spec", params.toString(), "--yes");
            long end = System.nanoTime();
            System.out.println("[ScaleIT broken] the apply that finished " + killed + " in "
                    + (end - brokenDone) / 1_000_000 + " ms (with the killed replace):\n" + again.stdout());
            writer.stop();
            assertThat(again.stdout())
                    .doesNotContain("switchover")
                    .contains("1. replace " + killed + " (new container and volume): finish the replace that was"
                            + " interrupted")
                    .contains("the partial copy " + partial + " (left by an interrupted replace, not whole) removed"
                            + " first")
                    .contains("removed the partial copy " + partial)
                    .contains("[1/1] done")
                    .contains("deleted");
            assertThat(docker("volume", "ls", "-q", "--filter", "name=" + STACK + "_" + killed + "-data-replaced-")
                            .stdout()
                            .strip())
                    .as("neither the partial copy nor the finishing run's copy is left")
                    .isEmpty();
            assertThat(inspect(STACK + "-" + killed, "{{.Id}}")).isNotEqualTo(killedBefore);
            assertThat(docker("ps", "-aq", "--filter", "name=" + STACK + "-replace-helper")
                            .stdout()
                            .strip())
                    .as("the killed run's copy helper is gone")
                    .isEmpty();
            assertStreamingAndRouted(killed, password);
            assertThat(awaitedLeader()).as("no switchover").isEqualTo(leader);
            Duration gap = writer.longestGap(start, end);
            System.out.println("[ScaleIT broken] " + writer.acknowledged.size() + " writes acknowledged, "
                    + writer.failures.size() + " failed, longest gap between acknowledgements " + gap.toMillis()
                    + " ms");
            assertThat(writer.failures).as("writes that failed").isEmpty();
            assertThat(gap).as("the writers' longest gap: no switchover").isLessThan(Duration.ofSeconds(5));
            try (Connection c = connect(password)) {
                assertThat(writer.present(c)).as("every acknowledged write").containsAll(writer.ids);
            }
        }
        assertHealthy();
        assertThat(audited())
                .contains("replace-node " + broken + " SUCCEEDED", "replace-node " + killed + " SUCCEEDED");
        System.out.println("[ScaleIT broken] the case took " + (System.nanoTime() - caseStart) / 1_000_000 + " ms");
    }

    /**
     * The leader pgha status --json names, once its sources have answered: a one-shot status answers within 3 s of its
     * JVM's start (0.5 s at least), which a test JVM just under a minute old or a loaded machine may not give them.
     */
    private static String awaitedLeader() {
        String[] leader = {""};
        org.awaitility.Awaitility.await("pgha status names a leader")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> (leader[0] = leader()).startsWith("pg-"));
        return leader[0];
    }

    /** "pg-N state" per member, as pgha status --json reports them (empty when its sources did not answer in time). */
    private static String memberStates() throws Exception {
        JsonNode status =
                new ObjectMapper().readTree(Cli.runOk("status", STACK, "--json").stdout());
        StringBuilder out = new StringBuilder();
        status.path("members")
                .forEach(m -> out.append(m.path("name").asText())
                        .append(' ')
                        .append(m.path("state").asText())
                        .append('\n'));
        return out.toString();
    }

    /** {@code member} streams from the primary and the router routes reads to it. */
    private static void assertStreamingAndRouted(String member, String password) throws Exception {
        try (Connection c = connect(password)) {
            assertThat(query(c, "SELECT string_agg(application_name || ' ' || state, ',') FROM pg_stat_replication"))
                    .contains(member + " streaming");
        }
        org.awaitility.Awaitility.await(member + " up in the router's read backend")
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(routerServers()).contains("replicas " + member + " 2"));
    }

    @Test
    @Order(6)
    void replacingAnEtcdMemberThenThreeToFiveToThreeHoldQuorumAndLoseNoWrite() throws Exception {
        String idBefore = etcdMemberId("etcd-2");
        String containerBefore = inspect(STACK + "-etcd-2", "{{.Id}}");
        Cli.Result dry = Cli.runOk("replace", "etcd-2", "-c", STACK, "--dry-run");
        assertThat(dry.stdout())
                .contains("1. replace etcd member etcd-2 (new container and volume): removed from etcd's members"
                        + " (quorum 2 of the 2 left")
                .contains("Dry run");
        Path grown = configDir.resolve("sc21-etcd5.yml");
        Path params = configDir.resolve("sc21-params.yml");
        Files.writeString(grown, Files.readString(params) + "etcd_members: 5\n");
        String password = new CredentialStore(configDir).get(STACK).superuser().password();
        String ca = configDir.resolve("clusters/" + STACK + "/pki/ca.crt").toString();
        long caseStart = System.nanoTime();
        try (NumberedWriter writer = new NumberedWriter("etcd_writes", () -> connect(password));
                EtcdQuorumWatch quorum = new EtcdQuorumWatch(ScaleIT::etcdPorts, ca)) {
            writer.awaitFirst();
            long start = System.nanoTime();
            Cli.Result replace = Cli.runOk("replace", "etcd-2", "-c", STACK, "--yes");
            long replaced = System.nanoTime();
            System.out.println(
                    "[ScaleIT etcd] replace etcd-2 in " + (replaced - start) / 1_000_000 + " ms:\n" + replace.stdout());
            assertThat(replace.stdout()).contains("[1/1] done").contains("etcd-2 joined as");
            assertThat(etcdMemberId("etcd-2")).as("a new member id").isNotEqualTo(idBefore);
            assertThat(inspect(STACK + "-etcd-2", "{{.Id}}")).isNotEqualTo(containerBefore);
            assertThat(inspect(STACK + "-etcd-2", "{{.State.Health.Status}}")).isIn("healthy", "starting");

            Cli.Result dryGrow = Cli.runOk("apply", "--spec", grown.toString(), "--dry-run");
            assertThat(dryGrow.stdout())
                    .contains("1. add etcd member etcd-4: etcd 3 → 4 members, quorum 2 → 3")
                    .contains("2. add etcd member etcd-5: etcd 4 → 5 members, quorum 3 → 3");
            Cli.Result grow = Cli.runOk("apply", "--spec", grown.toString(), "--yes");
            long grew = System.nanoTime();
            System.out.println("[ScaleIT etcd] 3 → 5 in " + (grew - replaced) / 1_000_000 + " ms:\n" + grow.stdout());
            assertThat(grow.stdout()).contains("[2/2] done");
            assertThat(etcdPorts()).hasSize(5);
            assertThat(savedEtcdEndpoints()).hasSize(5);

            Cli.Result shrink = Cli.runOk("apply", "--spec", params.toString(), "--yes");
            long end = System.nanoTime();
            System.out.println("[ScaleIT etcd] 5 → 3 in " + (end - grew) / 1_000_000 + " ms:\n" + shrink.stdout());
            writer.stop();
            assertThat(shrink.stdout())
                    .contains("1. remove etcd member etcd-5")
                    .contains("2. remove etcd member etcd-4")
                    .contains("[2/2] done");
            assertThat(etcdPorts()).hasSize(3);
            assertThat(savedEtcdEndpoints()).hasSize(3);
            assertThat(docker("volume", "ls", "-q", "--filter", "name=" + STACK + "_etcd-4-data")
                            .stdout()
                            .strip())
                    .as("a removed member's data volume is gone")
                    .isEmpty();
            quorum.close();
            System.out.println("[ScaleIT etcd] " + quorum.polls() + " quorum polls, fewest healthy members "
                    + quorum.fewestHealthy() + ", polls without a quorum " + quorum.pollsWithoutQuorum());
            assertThat(quorum.polls()).isPositive();
            assertThat(quorum.pollsWithoutQuorum())
                    .as("etcd kept its quorum at every poll")
                    .isZero();
            try (Connection c = connect(password)) {
                assertThat(writer.present(c)).as("every acknowledged write").containsAll(writer.ids);
            }
            Duration gap = writer.longestGap(start, end);
            System.out.println("[ScaleIT etcd] " + writer.acknowledged.size() + " writes acknowledged, "
                    + writer.failures.size() + " failed, longest gap between acknowledgements " + gap.toMillis()
                    + " ms");
            assertThat(gap).as("the writers' longest gap: no switchover").isLessThan(Duration.ofSeconds(5));
        }
        assertHealthy();
        assertThat(audited())
                .contains(
                        "replace-etcd-member etcd-2 SUCCEEDED",
                        "add-etcd-member etcd-5 SUCCEEDED",
                        "remove-etcd-member etcd-4 SUCCEEDED");
        System.out.println("[ScaleIT etcd] the case took " + (System.nanoTime() - caseStart) / 1_000_000 + " ms");
    }

    @Test
    @Order(7)
    void aSeededTwoMinuteChaosRunLosesNothingAndEndsHealthy() throws Exception {
        List<String> faults = List.of("kill-primary", "switchover", "crash-postgres", "etcd-minority", "kill-router");
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
                String.join(",", faults));
        System.out.println("[ScaleIT chaos] pgha chaos took " + (System.nanoTime() - started) / 1_000_000
                + " ms; stderr:\n" + r.stderr() + "\nstdout:\n" + r.stdout());
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
        for (String fault : faults) {
            assertThat(report.path("byFault").path(fault).path("count").asInt())
                    .as(fault + " drawn")
                    .isPositive();
        }
        assertThat(report.path("availabilityPercent").asDouble()).isBetween(50.0, 100.0);
        String password = new CredentialStore(configDir).get(STACK).superuser().password();
        try (Connection c = connect(password)) {
            assertThat(query(
                            c,
                            "SELECT count(*) FROM pg_tables"
                                    + " WHERE tablename IN ('pgha_chaos_append', 'pgha_chaos_bank')"))
                    .as("the workload tables are dropped")
                    .isEqualTo("0");
        }
    }

    /** The member id etcd-N reports for itself (etcdctl endpoint status inside its container, no user needed). */
    private static String etcdMemberId(String member) {
        String json = docker(
                        "exec",
                        STACK + "-" + member,
                        "etcdctl",
                        "--endpoints=https://127.0.0.1:2379",
                        "--cacert=/run/pgha/tls/ca.crt",
                        "endpoint",
                        "status",
                        "-w",
                        "json")
                .stdout();
        java.util.regex.Matcher id =
                java.util.regex.Pattern.compile("\"member_id\":(\\d+)").matcher(json);
        assertThat(id.find()).as(member + "'s status: " + json).isTrue();
        return id.group(1);
    }

    /** The published client ports of the etcd containers the stack has now (etcd: 43079 is etcd-1's). */
    private static List<Integer> etcdPorts() {
        return docker("ps", "-a", "--format", "{{.Names}}", "--filter", "name=" + STACK + "-etcd-")
                .stdout()
                .lines()
                .map(String::strip)
                .filter(n -> n.matches(STACK + "-etcd-\\d+"))
                .map(n -> 43078 + Integer.parseInt(n.substring((STACK + "-etcd-").length())))
                .sorted()
                .toList();
    }

    /** The etcd endpoints of the saved connection (cluster.json). */
    private static List<String> savedEtcdEndpoints() throws Exception {
        JsonNode c = new ObjectMapper()
                .readTree(
                        configDir.resolve("clusters/" + STACK + "/cluster.json").toFile());
        List<String> endpoints = new ArrayList<>();
        c.path("etcdEndpoints").forEach(e -> endpoints.add(e.asText()));
        return endpoints;
    }

    private static String leader() throws Exception {
        com.fasterxml.jackson.databind.JsonNode status = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Cli.runOk("status", STACK, "--json").stdout());
        return status.path("leader").asText();
    }

    /**
     * Runs {@code pgha scale --nodes 4} as its own process (the ./pgha launcher) and kills it (SIGKILL) once it has
     * printed {@code line}: an apply interrupted half-way. Returns what it printed.
     */
    private static String scaleKilledOnceItPrints(String line) throws Exception {
        return killedOnceItPrints(line, "scale", "-c", STACK, "--nodes", "4", "--yes");
    }

    /**
     * Runs {@code pgha ARGS} as its own process (the ./pgha launcher) and kills it (SIGKILL) as soon as it has printed
     * {@code line} (the reader that sees the line kills it): a plan interrupted half-way. Returns what it printed.
     */
    private static String killedOnceItPrints(String line, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(RepoPaths.root().resolve("pgha").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PGHA_CONFIG_DIR", configDir.toString());
        Process pgha = pb.start();
        StringBuffer printed = new StringBuffer();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(pgha.getInputStream()))) {
                String l;
                while ((l = in.readLine()) != null) {
                    printed.append(l).append('\n');
                    if (l.contains(line)) {
                        pgha.destroyForcibly();
                    }
                }
            } catch (java.io.IOException ended) {
                // the process was killed
            }
        });
        try {
            org.awaitility.Awaitility.await("pgha " + args[0] + " prints \"" + line + "\"")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(50))
                    .failFast(
                            "pgha " + args[0] + " ended first",
                            () -> !pgha.isAlive() && !printed.toString().contains(line))
                    .until(() -> printed.toString().contains(line));
        } finally {
            pgha.destroyForcibly().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            reader.join(Duration.ofSeconds(10));
        }
        assertThat(printed.toString()).as("killed before it was done").doesNotContain("[1/1] done");
        return printed.toString();
    }

    private static void assertHealthy() throws Exception {
        com.fasterxml.jackson.databind.JsonNode status = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Cli.runOk("status", STACK, "--json").stdout());
        assertThat(status.path("leader").asText()).as(status.toString()).startsWith("pg-");
        assertThat(status.path("members"))
                .as("healthy at the end: a leader, every other member streaming: " + status)
                .hasSize(3)
                .allSatisfy(m -> assertThat(m.path("state").asText()).isIn("running", "streaming"));
    }

    private static List<String> audited() {
        return new AuditJournal(configDir.resolve("clusters").resolve(STACK))
                .recent(50).stream()
                        .map(e -> e.operation() + " " + e.target() + " " + e.outcome())
                        .toList();
    }

    private static String inspect(String container, String format) {
        return docker("inspect", "-f", format, container).stdout().strip();
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
