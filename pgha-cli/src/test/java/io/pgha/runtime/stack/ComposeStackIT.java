package io.pgha.runtime.stack;

import static io.pgha.runtime.testsupport.ComposeStack.docker;
import static io.pgha.runtime.testsupport.ComposeStack.dockerOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pgha.runtime.testsupport.Commands;
import io.pgha.runtime.testsupport.ComposeStack;
import io.pgha.runtime.testsupport.ComposeStack.PatroniRow;
import io.pgha.runtime.testsupport.PgClient;
import io.pgha.runtime.testsupport.TestMachine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The committed stack started with plain `docker compose up -d` on the local images, then put through
 * failover, self-healing, a network partition, etcd quorum loss and a restart, as a user would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeStackIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @BeforeAll
    static void startFromNothing() {
        TestMachine.requireDockerWithLocalImages();
        ComposeStack.down(true);
    }

    @AfterAll
    static void leaveHealthy() {
        ComposeStack.restoreHealthy();
    }

    @Test
    @Order(1)
    void composeUpGivesAWorkingClusterWithinTwoMinutes() throws Exception {
        ComposeStack.up();
        ComposeStack.awaitHealthy(Duration.ofMinutes(2));

        List<PatroniRow> rows = ComposeStack.patronictlList();
        assertThat(rows).extracting(PatroniRow::member).containsExactlyInAnyOrderElementsOf(ComposeStack.PG_NODES);
        assertThat(rows).filteredOn(PatroniRow::isLeader).hasSize(1);
        assertThat(rows).filteredOn(PatroniRow::isStreamingReplica).hasSize(2);
        String leader = ComposeStack.leader().orElseThrow().member();
        for (String node : ComposeStack.PG_NODES) {
            Commands.Result handover = ComposeStack.docker(
                    "exec",
                    node,
                    "python3",
                    "-c",
                    "import inspect, patroni.pgha_handover as h, patroni.postgresql as p, patroni.dcs.etcd3 as e,"
                            + " patroni.postgresql.rewind as r, patroni.ha as a, patroni.__main__ as m,"
                            + " patroni.postgresql.postmaster as pm;"
                            + " print(h.FAST, p.STOP_POLLING_INTERVAL, hasattr(e.Etcd3, '_pgha_release_with_status'),"
                            + " 'pgha_handover.FAST' in inspect.getsource(r.Rewind._check_timeline_and_lsn),"
                            + " 'pgha_handover.failover_possible' in inspect.getsource(a.Ha.demote),"
                            + " 'pgha_handover.close_api' in inspect.getsource(m.Patroni._shutdown),"
                            + " 'pgha_handover.postmaster_context' in inspect.getsource(pm.PostmasterProcess.start),"
                            + " 'pgha_handover.follow_the_race_winner' in"
                            + " inspect.getsource(a.Ha.process_unhealthy_cluster))");
            assertThat(handover.stdout().strip())
                    .as("Patroni in " + node + " runs pgha's fast handover (ADR 0013, ADR 0039): "
                            + handover.describe())
                    .isEqualTo("True 0.05 True True True True True True");
            Commands.Result forkServer = ComposeStack.docker(
                    "exec",
                    node,
                    "sh",
                    "-c",
                    "ps -eo args | grep -c '^[^ ]*python3 -c from multiprocessing.forkserver'");
            assertThat(forkServer.stdout().strip())
                    .as("Patroni in " + node + " started postgres through its fork server (ADR 0039): "
                            + forkServer.describe())
                    .isEqualTo("1");
        }

        try (Connection c = PgClient.connect(PgClient.WRITE_PORT)) {
            PgClient.execute(c, "CREATE TABLE IF NOT EXISTS stack_it (id text PRIMARY KEY)");
            PgClient.execute(c, "INSERT INTO stack_it VALUES ('first-write')");
            PgClient.Landing landing = PgClient.landing(c);
            assertThat(landing.inRecovery())
                    .as("a write through 5000 lands on the primary")
                    .isFalse();
            assertThat(landing.serverAddress()).isEqualTo(ComposeStack.containerIp(leader));
            assertThat(PgClient.queryOne(c, "SHOW server_version_num")).startsWith("17");
        }

        Set<String> replicaIps = new HashSet<>();
        for (PatroniRow r : rows) {
            if (!r.isLeader()) {
                replicaIps.add(ComposeStack.containerIp(r.member()));
            }
        }
        List<String> readLandings = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            try (Connection c = PgClient.connect(PgClient.READ_PORT)) {
                PgClient.Landing landing = PgClient.landing(c);
                assertThat(landing.inRecovery())
                        .as("a read through 5001 lands on a replica")
                        .isTrue();
                readLandings.add(landing.serverAddress());
            }
        }
        assertThat(new HashSet<>(readLandings))
                .as("reads through 5001 reach both replicas")
                .isEqualTo(replicaIps);
        for (int i = 1; i < readLandings.size(); i++) {
            assertThat(readLandings.get(i))
                    .as("round-robin alternates between the replicas")
                    .isNotEqualTo(readLandings.get(i - 1));
        }
        for (String node : ComposeStack.PG_NODES) {
            Commands.Result version = docker(
                    "exec",
                    node,
                    "psql",
                    "-U",
                    "postgres",
                    "-h",
                    "/var/run/postgresql",
                    "-XAtc",
                    "SHOW server_version");
            assertThat(version.stdout()).as("PostgreSQL version on " + node).startsWith("17.");
        }

        Commands.Result patronictl = docker("exec", "pg-0", "patronictl", "list");
        assertThat(patronictl.ok()).as(patronictl.describe()).isTrue();
        assertThat(patronictl.stdout()).contains("Leader").contains("streaming");

        for (int port : new int[] {23791, 23792, 23793}) {
            assertThat(get("http://127.0.0.1:" + port + "/health").body())
                    .as("etcd on " + port)
                    .contains("\"health\":\"true\"");
        }
        Commands.Result members = docker(
                "exec", "etcd-1", "etcdctl", "--endpoints=etcd-1:2379,etcd-2:2379,etcd-3:2379", "endpoint", "health");
        assertThat(members.ok()).as(members.describe()).isTrue();
        assertThat((members.stdout() + members.stderr())
                        .lines()
                        .filter(l -> l.contains("is healthy"))
                        .count())
                .isEqualTo(3);

        HttpResponse<String> stats = get("http://127.0.0.1:8404/");
        assertThat(stats.statusCode()).isEqualTo(200);
        assertThat(stats.body()).contains("primary").contains("replicas");
        HttpResponse<String> metrics = get("http://127.0.0.1:8404/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("haproxy_backend_active_servers");
        for (int port : new int[] {9187, 9188, 9189}) {
            assertThat(get("http://127.0.0.1:" + port + "/metrics").body())
                    .as("exporter on " + port)
                    .contains("\npg_up 1");
        }
        await("docker ps shows every container of the compose stack healthy")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(docker(
                                        "ps",
                                        "-a",
                                        "--filter",
                                        "label=com.docker.compose.project=pg-ha",
                                        "--format",
                                        "{{.Names}} {{.Status}}")
                                .stdout()
                                .lines()
                                .toList())
                        .hasSize(12)
                        .allSatisfy(row -> assertThat(row).contains("(healthy)")));
    }

    @Test
    @Order(2)
    void killedPrimaryIsReplacedWithoutAManualStep() throws Exception {
        PatroniRow old = ComposeStack.leader().orElseThrow();
        dockerOk("kill", old.member());

        await("another node leads")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> ComposeStack.leader()
                        .filter(l -> !l.member().equals(old.member()))
                        .isPresent());
        String newLeader = ComposeStack.leader().orElseThrow().member();
        await("writes through 5000 succeed again")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> writeLandsOn(newLeader, "after-kill-" + UUID.randomUUID()));
        oldLeader = old;
    }

    private static PatroniRow oldLeader;

    @Test
    @Order(3)
    void restartedOldPrimaryRejoinsAsStreamingReplicaOnTheNewTimeline() {
        PatroniRow old = oldLeader != null ? oldLeader : ComposeStack.leader().orElseThrow();
        dockerOk("start", old.member());
        await("old primary streams again")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> ComposeStack.patronictlList().stream()
                        .anyMatch(r -> r.member().equals(old.member()) && r.isStreamingReplica()));
        PatroniRow leader = ComposeStack.leader().orElseThrow();
        PatroniRow rejoined = ComposeStack.patronictlList().stream()
                .filter(r -> r.member().equals(old.member()))
                .findFirst()
                .orElseThrow();
        assertThat(leader.timeline()).isGreaterThan(old.timeline());
        assertThat(rejoined.timeline()).isEqualTo(leader.timeline());
        assertThat(ComposeStack.inRecovery(old.member())).contains(true);
    }

    @Test
    @Order(4)
    void partitionedPrimaryDemotesAndNeverTwoNodesAcceptWrites() throws Exception {
        ComposeStack.awaitHealthy(Duration.ofMinutes(2));
        PatroniRow old = ComposeStack.leader().orElseThrow();
        Map<String, String> ipToNode = new ConcurrentHashMap<>();
        for (String n : ComposeStack.PG_NODES) {
            ipToNode.put(ComposeStack.containerIp(n), n);
        }
        List<String> splitBrainRounds = new ArrayList<>();
        List<String> writeLandings = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            Future<?> watcher = pool.submit(() -> {
                while (!stop.get()) {
                    List<Future<Optional<Boolean>>> round = new ArrayList<>();
                    for (String n : ComposeStack.PG_NODES) {
                        round.add(pool.submit(() -> ComposeStack.inRecovery(n)));
                    }
                    List<String> writable = new ArrayList<>();
                    for (int i = 0; i < round.size(); i++) {
                        if (round.get(i).get().equals(Optional.of(false))) {
                            writable.add(ComposeStack.PG_NODES.get(i));
                        }
                    }
                    if (writable.size() > 1) {
                        synchronized (splitBrainRounds) {
                            splitBrainRounds.add(String.join(",", writable));
                        }
                    }
                }
                return null;
            });
            Future<?> writer = pool.submit(() -> {
                while (!stop.get()) {
                    try (Connection c = PgClient.connect(PgClient.WRITE_PORT)) {
                        PgClient.execute(c, "INSERT INTO stack_it VALUES ('" + UUID.randomUUID() + "')");
                        String node = ipToNode.getOrDefault(PgClient.landing(c).serverAddress(), "?");
                        synchronized (writeLandings) {
                            if (writeLandings.isEmpty()
                                    || !writeLandings
                                            .get(writeLandings.size() - 1)
                                            .equals(node)) {
                                writeLandings.add(node);
                            }
                        }
                    } catch (SQLException e) {
                        // no primary reachable at this moment: that is expected during the change
                    }
                    TimeUnit.MILLISECONDS.sleep(100);
                }
                return null;
            });

            await("the writer reaches the primary before the cut")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> {
                        synchronized (writeLandings) {
                            return writeLandings.contains(old.member());
                        }
                    });
            dockerOk("network", "disconnect", ComposeStack.NETWORK, old.member());
            await("the cut-off primary stops accepting writes")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> !ComposeStack.inRecovery(old.member()).equals(Optional.of(false)));
            await("another node leads and takes writes through 5000")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        synchronized (writeLandings) {
                            return !writeLandings.isEmpty()
                                    && !writeLandings
                                            .get(writeLandings.size() - 1)
                                            .equals(old.member())
                                    && !writeLandings
                                            .get(writeLandings.size() - 1)
                                            .equals("?");
                        }
                    });
            dockerOk("network", "connect", ComposeStack.NETWORK, old.member());
            await("the old primary rejoins as a streaming replica")
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> ComposeStack.patronictlList().stream()
                            .anyMatch(r -> r.member().equals(old.member()) && r.isStreamingReplica()));
            stop.set(true);
            watcher.get(60, TimeUnit.SECONDS);
            writer.get(60, TimeUnit.SECONDS);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        assertThat(splitBrainRounds)
                .as("rounds in which two nodes accepted writes")
                .isEmpty();
        assertThat(writeLandings)
                .as("nodes that took writes through 5000, in order")
                .hasSize(2)
                .first()
                .isEqualTo(old.member());
    }

    @Test
    @Order(5)
    void etcdQuorumLossTurnsThePrimaryReadOnlyAndWritesResumeAfter() throws Exception {
        ComposeStack.awaitHealthy(Duration.ofMinutes(2));
        String leader = ComposeStack.leader().orElseThrow().member();
        dockerOk("stop", "etcd-1", "etcd-2");
        try {
            await("the primary turns read-only")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> ComposeStack.inRecovery(leader).equals(Optional.of(true)));
            await("writes through 5000 are refused")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> !tryWrite("during-quorum-loss"));
            assertThat(tryWrite("during-quorum-loss-2"))
                    .as("a write while quorum is lost")
                    .isFalse();

            try (Connection c = PgClient.connect(PgClient.READ_PORT)) {
                assertThat(PgClient.queryOne(c, "SELECT count(*) FROM stack_it"))
                        .as("reads through 5001 still work")
                        .isNotNull();
            }
            // A client with no timeouts of its own must still get an error quickly, not hang.
            ExecutorService one = Executors.newSingleThreadExecutor();
            try {
                Future<Object> attempt = one.submit(() -> {
                    try (Connection c = PgClient.connectWithoutTimeouts(PgClient.WRITE_PORT)) {
                        PgClient.execute(c, "INSERT INTO stack_it VALUES ('no-hang')");
                        return "accepted";
                    } catch (SQLException e) {
                        return e;
                    }
                });
                Object outcome;
                try {
                    outcome = attempt.get(5, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    attempt.cancel(true);
                    throw new AssertionError("a client connecting to 5000 with no primary got no answer within 5 s");
                }
                assertThat(outcome).as("outcome of a write with no primary").isInstanceOf(SQLException.class);
            } finally {
                one.shutdownNow();
            }
        } finally {
            dockerOk("start", "etcd-1", "etcd-2");
        }
        await("writes resume once quorum is back")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> tryWrite("after-quorum-" + UUID.randomUUID()));
    }

    @Test
    @Order(6)
    void dataSurvivesComposeDownAndUp() throws Exception {
        ComposeStack.awaitHealthy(Duration.ofMinutes(2));
        String marker = "survives-" + UUID.randomUUID();
        try (Connection c = PgClient.connect(PgClient.WRITE_PORT)) {
            PgClient.execute(c, "INSERT INTO stack_it VALUES ('" + marker + "')");
        }
        ComposeStack.down(false);
        assertThatThrownBy(() -> PgClient.connect(PgClient.WRITE_PORT).close()).isInstanceOf(SQLException.class);
        ComposeStack.up();
        ComposeStack.awaitHealthy(Duration.ofMinutes(2));
        try (Connection c = PgClient.connect(PgClient.WRITE_PORT)) {
            assertThat(PgClient.queryOne(c, "SELECT count(*) FROM stack_it WHERE id = '" + marker + "'"))
                    .isEqualTo("1");
        }
    }

    private static boolean tryWrite(String id) {
        try (Connection c = PgClient.connect(PgClient.WRITE_PORT)) {
            PgClient.execute(c, "INSERT INTO stack_it VALUES ('" + id + "-" + UUID.randomUUID() + "')");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean writeLandsOn(String node, String id) {
        try (Connection c = PgClient.connect(PgClient.WRITE_PORT)) {
            PgClient.execute(c, "INSERT INTO stack_it VALUES ('" + id + "')");
            PgClient.Landing landing = PgClient.landing(c);
            return !landing.inRecovery() && landing.serverAddress().equals(ComposeStack.containerIp(node));
        } catch (SQLException e) {
            return false;
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
