package io.pgha.runtime.ops;

import static io.pgha.runtime.testsupport.ComposeStack.docker;
import static io.pgha.runtime.testsupport.ComposeStack.dockerOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.runtime.cli.ExitCodes;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.Role;
import io.pgha.runtime.monitor.ClusterMonitor;
import io.pgha.runtime.monitor.ClusterMonitors;
import io.pgha.runtime.patroni.PatroniClient;
import io.pgha.runtime.testsupport.Cli;
import io.pgha.runtime.testsupport.Commands;
import io.pgha.runtime.testsupport.ComposeStack;
import io.pgha.runtime.testsupport.ComposeStack.PatroniRow;
import io.pgha.runtime.testsupport.PgClient;
import io.pgha.runtime.testsupport.TestMachine;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every operation through the pgha CLI against the committed stack: what each does to the cluster, what
 * each refuses and that a refusal changes nothing, and the audit journal. One stack for all of them; each
 * test leaves every member streaming, nothing paused and the dynamic configuration as it found it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsIT {

    private static final String CLUSTER = "ops-it";
    private static final String PGDATA = "/home/postgres/pgdata/pgroot/data";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path configDir;
    private static ClusterConnection connection;
    private static ClusterMonitor monitor;
    private static ClusterOperations ops;

    @BeforeAll
    static void attachToTheStack() throws Exception {
        TestMachine.requireDockerWithLocalImages();
        ComposeStack.restoreHealthy();
        configDir = Cli.attachComposeStack(CLUSTER);
        connection = new ClusterRegistry().get(CLUSTER);
        assertThat(connection.patroniUrls()).containsOnlyKeys(ComposeStack.PG_NODES);
        monitor = ClusterMonitors.start(
                connection,
                ClusterMonitors.settingsFor(connection)
                        .withJournal(Optional.empty())
                        .withPollInterval(Duration.ofMillis(500)));
        monitor.awaitComplete(Duration.ofSeconds(10));
        ops = ClusterOperations.create(monitor);
        // another suite may have left it paused: this one starts from automatic failover
        ops.perform(new OperationRequest.Resume()).orThrow();
    }

    @AfterAll
    static void leaveTheStackHealthy() {
        try {
            if (ops != null) {
                ops.perform(new OperationRequest.Resume());
                ops.close();
            }
            if (monitor != null) {
                monitor.close();
            }
        } finally {
            System.clearProperty("pgha.config.dir");
            ComposeStack.restoreHealthy();
        }
    }

    @Test
    @Order(1)
    void switchoverToANamedReplicaMakesItLeaderAndTheOldLeaderStreamsFromIt() throws Exception {
        if (leader().equals("pg-1")) {
            ops.perform(OperationRequest.Switchover.to("pg-0")).orThrow();
        }
        String old = leader();
        // with quorum commit only a synchronous standby may be promoted: after a switchover it takes a moment
        await("pg-1 is a streaming synchronous standby")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> monitor.current()
                        .member("pg-1")
                        .filter(Member::isStreaming)
                        .filter(m -> m.role() == Role.SYNC_STANDBY || m.role() == Role.QUORUM_STANDBY)
                        .isPresent());

        Cli.Result run = Cli.run("switchover", "--cluster", CLUSTER, "--to", "pg-1", "--yes");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.stdout()).contains("pg-1 is the leader now").contains(old + " streams from it");
        assertThat(leader()).isEqualTo("pg-1");
        PatroniRow newLeader = ComposeStack.leader().orElseThrow();
        assertThat(ComposeStack.patronictlList())
                .filteredOn(r -> r.member().equals(old))
                .singleElement()
                .satisfies(
                        r -> assertThat(r.isStreamingReplica()).as(r.toString()).isTrue())
                .satisfies(r -> assertThat(r.timeline()).isEqualTo(newLeader.timeline()));
        String pg1 = ComposeStack.containerIp("pg-1");
        await("a write through 5000 lands on pg-1")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> writeLandsOn(pg1));

        JsonNode audit =
                JSON.readTree(Cli.run("audit", "--cluster", CLUSTER, "--json").stdout());
        JsonNode last = audit.get(audit.size() - 1);
        assertThat(last.path("operation").asText()).isEqualTo("switchover");
        assertThat(last.path("target").asText()).isEqualTo("pg-1");
        assertThat(last.path("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(last.path("user").asText()).isEqualTo(System.getProperty("user.name"));
        assertThat(last.path("tookMillis").asLong()).isPositive();
        assertThat(Cli.run("audit", "--cluster", CLUSTER).stdout())
                .contains("switchover")
                .contains("pg-1")
                .contains("succeeded");
    }

    @Test
    @Order(2)
    void switchoverToTheLeaderAnUnknownOrAStoppedNodeIsRefusedAndChangesNothing() {
        PatroniRow before = ComposeStack.leader().orElseThrow();
        String leader = before.member();
        String stopped = replicas().get(1);

        Cli.Result toLeader = Cli.run("switchover", "--cluster", CLUSTER, "--to", leader, "--yes");
        assertThat(toLeader.exitCode()).as(toLeader.describe()).isEqualTo(ExitCodes.REFUSED);
        assertThat(toLeader.stderr()).contains(leader + " is already the leader");

        Cli.Result unknown = Cli.run("switchover", "--cluster", CLUSTER, "--to", "pg-9", "--yes");
        assertThat(unknown.exitCode()).as(unknown.describe()).isEqualTo(ExitCodes.REFUSED);
        assertThat(unknown.stderr()).contains("unknown member 'pg-9'");

        dockerOk("stop", stopped);
        try {
            await("the monitor sees " + stopped + " stopped")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> monitor.current()
                            .container(stopped)
                            .map(c -> !c.running())
                            .orElse(false));
            Cli.Result toStopped = Cli.run("switchover", "--cluster", CLUSTER, "--to", stopped, "--yes");
            assertThat(toStopped.exitCode()).as(toStopped.describe()).isEqualTo(ExitCodes.REFUSED);
            assertThat(toStopped.stderr()).contains(stopped + " is not running");

            PatroniRow after = ComposeStack.leader().orElseThrow();
            assertThat(after.member()).as("the leader").isEqualTo(leader);
            assertThat(after.timeline()).as("the timeline").isEqualTo(before.timeline());
            assertThat(monitor.current().scheduledSwitchover())
                    .as("a failover key")
                    .isEmpty();
            assertThat(ops.audit(3)).extracting(AuditEntry::outcome).containsOnly(OperationResult.Outcome.REFUSED);
            assertThat(ops.audit(3)).extracting(AuditEntry::target).containsExactly(stopped, "pg-9", leader);
        } finally {
            dockerOk("start", stopped);
            awaitStreaming(stopped);
        }
    }

    @Test
    @Order(3)
    void restartingAReplicaEitherWayBringsItBackStreamingAndTheLeaderNeedsAConfirmation() {
        String leader = leader();
        String pgReplica = replicas().get(0);
        String containerReplica = replicas().get(1);

        Instant postmasterBefore = postmasterStart(pgReplica);
        Cli.Result restart = Cli.run("restart", "--cluster", CLUSTER, pgReplica);
        assertThat(restart.exitCode()).as(restart.describe()).isZero();
        assertThat(postmasterStart(pgReplica)).isAfter(postmasterBefore);
        assertThat(streaming(pgReplica)).isTrue();

        String containerStartedBefore = containerStartedAt(containerReplica);
        Cli.Result restartContainer = Cli.run("restart", "--cluster", CLUSTER, containerReplica, "--container");
        assertThat(restartContainer.exitCode()).as(restartContainer.describe()).isZero();
        assertThat(containerStartedAt(containerReplica)).isNotEqualTo(containerStartedBefore);
        assertThat(streaming(containerReplica)).isTrue();

        Instant leaderStarted = postmasterStart(leader);
        Cli.Result restartLeader = Cli.run("restart", "--cluster", CLUSTER, leader);
        assertThat(restartLeader.exitCode()).as(restartLeader.describe()).isEqualTo(ExitCodes.REFUSED);
        assertThat(restartLeader.stderr()).contains(leader + " is the leader").contains("--yes");
        assertThat(postmasterStart(leader)).as("the leader's postmaster").isEqualTo(leaderStarted);
        assertThat(leader()).isEqualTo(leader);
    }

    @Test
    @Order(4)
    void reinitialisingAReplicaGivesItANewDataDirectoryAndItStreamsAgain() {
        String replica = replicas().get(0);
        dockerOk("exec", "-u", "postgres", replica, "touch", PGDATA + "/pgha-reinit-marker");
        String versionWritten = stat(replica, "%Y", PGDATA + "/PG_VERSION");

        Cli.Result reinit = Cli.run("reinit", "--cluster", CLUSTER, replica);

        assertThat(reinit.exitCode()).as(reinit.describe()).isZero();
        assertThat(docker("exec", replica, "test", "-e", PGDATA + "/pgha-reinit-marker")
                        .exitCode())
                .as("the marker left in the old data directory")
                .isNotZero();
        assertThat(stat(replica, "%Y", PGDATA + "/PG_VERSION"))
                .as("PG_VERSION written again")
                .isNotEqualTo(versionWritten);
        assertThat(streaming(replica)).isTrue();

        Cli.Result onLeader = Cli.run("reinit", "--cluster", CLUSTER, leader());
        assertThat(onLeader.exitCode()).as(onLeader.describe()).isEqualTo(ExitCodes.REFUSED);
        assertThat(onLeader.stderr()).contains("is the leader");
    }

    @Test
    @Order(5)
    void anInvalidTimingIsRefusedBeforeAnythingIsSentAndSynchronousModeMakesASyncStandby() {
        Map<String, Object> before = ops.dynamicConfig();
        Cli.Result invalid = Cli.run("config", "set", "--cluster", CLUSTER, "loop_wait=20", "ttl=20");
        assertThat(invalid.exitCode()).as(invalid.describe()).isEqualTo(ExitCodes.REFUSED);
        assertThat(invalid.stderr()).contains("loop_wait + 2·retry_timeout must not exceed ttl");
        Map<String, Object> fromPatroni = PatroniClient.create(
                        connection.patroniUrls().get(leader()), Duration.ofSeconds(3))
                .config();
        assertThat(fromPatroni.get("loop_wait")).isEqualTo(before.get("loop_wait"));
        assertThat(fromPatroni.get("ttl")).isEqualTo(before.get("ttl"));

        Object original = before.get("synchronous_mode");
        String restore = original == null ? "" : String.valueOf(original);
        if (original != null && !"false".equals(restore)) {
            // turning synchronous replication off weakens durability: the runtime wants it confirmed
            assertThat(ops.perform(new OperationRequest.ChangeConfig(Map.of("synchronous_mode", "false")))
                            .outcome())
                    .isEqualTo(OperationResult.Outcome.REFUSED);
            ops.perform(new OperationRequest.ChangeConfig(Map.of("synchronous_mode", "false")).confirm())
                    .orThrow();
        }
        try {
            Cli.Result sync = Cli.run("config", "set", "--cluster", CLUSTER, "synchronous_mode=true");
            assertThat(sync.exitCode()).as(sync.describe()).isZero();
            await("a replica is sync_standby in the snapshot")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> monitor.current().members().stream()
                            .anyMatch(m -> m.role() == Role.SYNC_STANDBY && m.isStreaming()));
            assertThat(ComposeStack.patronictlList())
                    .extracting(PatroniRow::role)
                    .contains("Sync Standby");
        } finally {
            ops.perform(new OperationRequest.ChangeConfig(Map.of("synchronous_mode", restore)).confirm())
                    .orThrow();
        }
        assertThat(ops.dynamicConfig().get("synchronous_mode")).isEqualTo(original);
    }

    @Test
    @Order(6)
    void whilePausedAKilledPrimaryIsNotReplacedAndAfterResumeTheClusterRecovers() throws Exception {
        Cli.Result pause = Cli.run("pause", "--cluster", CLUSTER);
        assertThat(pause.exitCode()).as(pause.describe()).isZero();
        // the CLI waited for its own snapshot; this test's monitor sees the pause on its next poll
        await("the test's monitor sees the pause")
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> monitor.current().paused());
        String killed = leader();
        List<String> others = replicas();
        dockerOk("kill", killed);
        try {
            // The leader key lives 20 s (ttl); a failover would come within a few Patroni loops (2 s) of its expiry.
            await("no failover while paused")
                    .during(Duration.ofSeconds(28))
                    .atMost(Duration.ofSeconds(40))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> noneLeads(others));

            Cli.Result resume = Cli.run("resume", "--cluster", CLUSTER);
            assertThat(resume.exitCode()).as(resume.describe()).isZero();
            await("a replica takes over after resume")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> ComposeStack.leader()
                            .map(l -> others.contains(l.member()))
                            .orElse(false));
            String newLeader = ComposeStack.containerIp(leader());
            await("writes through 5000 again")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> writeLandsOn(newLeader));
        } finally {
            if (!ComposeStack.isRunning(killed)) {
                dockerOk("start", killed);
            }
            awaitStreaming(killed);
        }
    }

    private static boolean noneLeads(List<String> others) {
        ClusterSnapshot s = monitor.current();
        boolean dcsLeaderIsOther = s.leader().map(others::contains).orElse(false);
        boolean otherIsPrimary = others.stream()
                .anyMatch(o -> ComposeStack.inRecovery(o).map(r -> !r).orElse(false));
        return !dcsLeaderIsOther && !otherIsPrimary;
    }

    private static String leader() {
        return ComposeStack.leader()
                .orElseThrow(() -> new AssertionError("no leader: " + ComposeStack.patronictlList()))
                .member();
    }

    private static List<String> replicas() {
        List<String> r = new ArrayList<>(ComposeStack.PG_NODES);
        r.remove(leader());
        return r;
    }

    private static boolean streaming(String member) {
        return ComposeStack.patronictlList().stream()
                .anyMatch(r -> r.member().equals(member) && r.isStreamingReplica());
    }

    private static void awaitStreaming(String member) {
        await(member + " streams")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> streaming(member));
    }

    private static Instant postmasterStart(String member) {
        return PatroniClient.create(connection.patroniUrls().get(member), Duration.ofSeconds(3))
                .node()
                .postmasterStartTime()
                .orElseThrow();
    }

    private static String containerStartedAt(String container) {
        return docker("inspect", "-f", "{{.State.StartedAt}}", container)
                .stdout()
                .strip();
    }

    private static String stat(String container, String format, String file) {
        Commands.Result r = docker("exec", container, "stat", "-c", format, file);
        assertThat(r.ok()).as(r.describe()).isTrue();
        return r.stdout().strip();
    }

    private static boolean writeLandsOn(String address) {
        try (Connection c = PgClient.connect(PgClient.WRITE_PORT)) {
            PgClient.execute(
                    c, "CREATE TABLE IF NOT EXISTS ops_it (id bigserial PRIMARY KEY, at timestamptz DEFAULT now())");
            PgClient.execute(c, "INSERT INTO ops_it DEFAULT VALUES");
            PgClient.Landing landing = PgClient.landing(c);
            return !landing.inRecovery() && landing.serverAddress().equals(address);
        } catch (Exception e) {
            return false;
        }
    }
}
