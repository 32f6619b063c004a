package io.pgha.runtime.monitor;

import static io.pgha.runtime.testsupport.ComposeStack.dockerOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.runtime.cli.Main;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.model.ClusterEvent;
import io.pgha.runtime.model.ClusterEvent.Kind;
import io.pgha.runtime.model.ClusterHealth;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.EtcdMember;
import io.pgha.runtime.model.Health;
import io.pgha.runtime.model.HealthCheck;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.RouterBackend;
import io.pgha.runtime.testsupport.Commands;
import io.pgha.runtime.testsupport.ComposeStack;
import io.pgha.runtime.testsupport.ComposeStack.PatroniRow;
import io.pgha.runtime.testsupport.RepoPaths;
import io.pgha.runtime.testsupport.TestMachine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The monitor against the committed stack started with plain {@code docker compose up -d}, attached by its
 * etcd endpoints and scope the way a user would, then put through a primary kill and etcd outages.
 * One stack and one monitor for all methods. That the monitor's readiness probes leave no failed login in any node's
 * log after two minutes of watching is DrillIT's last test: its drills take longer than two minutes on the same stack,
 * so the watch costs no wait of its own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ETCD = String.join(",", ComposeStack.ETCD_ENDPOINTS);
    private static Path configDir;
    private static ClusterConnection connection;
    private static ClusterMonitor monitor;
    private static final List<ClusterEvent> EVENTS = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void attachToAComposeStack() throws IOException {
        TestMachine.requireDockerWithLocalImages();
        ComposeStack.restoreHealthy();
        configDir = Files.createTempDirectory("pgha-observation-it");
        System.setProperty("pgha.config.dir", configDir.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.run(
                new String[] {"attach", "pg-ha", "--etcd", ETCD, "--scope", "pg-ha"},
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(rc).as("pgha attach: " + out + err).isZero();
        connection = new ClusterRegistry().get("pg-ha");
        monitor = ClusterMonitors.start(
                connection, ClusterMonitors.settingsFor(connection).withPollInterval(Duration.ofSeconds(1)));
        monitor.onEvent(EVENTS::add);
        // The first launch after a build writes the launcher's class-data archive; users pay that once.
        Commands.Result first = runStatus();
        assertThat(first.ok()).as(first.describe()).isTrue();
    }

    @AfterAll
    static void leaveTheStackHealthy() throws IOException {
        if (monitor != null) {
            monitor.close();
        }
        System.clearProperty("pgha.config.dir");
        ComposeStack.restoreHealthy();
        if (configDir != null) {
            try (Stream<Path> files = Files.walk(configDir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    @Order(1)
    void attachingByEtcdFindsTheSameLeaderAndMembersAsPatronictl() {
        assertThat(connection.patroniUrls())
                .isEqualTo(Map.of(
                        "pg-0",
                        "http://127.0.0.1:8008",
                        "pg-1",
                        "http://127.0.0.1:8009",
                        "pg-2",
                        "http://127.0.0.1:8010"));
        assertThat(connection.router()).hasValueSatisfying(r -> {
            assertThat(r.writePort()).isEqualTo(5000);
            assertThat(r.readPort()).isEqualTo(5001);
            assertThat(r.statsUrl()).isEqualTo("http://127.0.0.1:8404/");
        });
        assertThat(connection.dockerStack()).contains("pg-ha");
        assertThat(connection.origin()).isEqualTo(ClusterConnection.Origin.ATTACHED);

        await("the snapshot agrees with patronictl list")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    List<PatroniRow> rows = ComposeStack.patronictlList();
                    ClusterSnapshot s = monitor.current();
                    assertThat(s.leader())
                            .isEqualTo(rows.stream()
                                    .filter(PatroniRow::isLeader)
                                    .map(PatroniRow::member)
                                    .findFirst());
                    assertThat(s.members())
                            .extracting(Member::name)
                            .containsExactlyInAnyOrderElementsOf(
                                    rows.stream().map(PatroniRow::member).toList());
                    for (PatroniRow row : rows) {
                        Member m = s.member(row.member()).orElseThrow();
                        assertThat(StatusRole.of(m)).as(row.member()).isEqualTo(row.role());
                        assertThat(m.state()).as(row.member()).isEqualTo(row.state());
                        assertThat(m.timeline().isPresent() ? m.timeline().getAsInt() : null)
                                .isEqualTo(row.timeline());
                    }
                });
    }

    @Test
    @Order(2)
    void aHealthyStackHasOneLeaderTwoStreamingReplicasThreeHealthyEtcdMembersAndRoutesByRole() throws Exception {
        await("a healthy snapshot")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    ClusterSnapshot s = monitor.current();
                    String leader = s.leader().orElseThrow();
                    assertThat(s.members())
                            .filteredOn(m -> m.role().isLeader())
                            .extracting(Member::name)
                            .containsExactly(leader);
                    List<Member> replicas = s.replicas();
                    assertThat(replicas).hasSize(2).allSatisfy(r -> {
                        assertThat(r.isStreaming()).as(r.name() + " streams").isTrue();
                        assertThat(r.lagBytes())
                                .as(r.name() + " has a numeric lag")
                                .isPresent();
                    });
                    assertThat(s.etcdMembers()).hasSize(3).allMatch(e -> e.health() == Health.UP);
                    assertThat(s.etcdMembers()).filteredOn(EtcdMember::leader).hasSize(1);
                    assertThat(up(s, RouterBackend.WRITE_LISTENER)).containsExactly(leader);
                    assertThat(up(s, RouterBackend.READ_LISTENER))
                            .containsExactlyInAnyOrderElementsOf(
                                    replicas.stream().map(Member::name).toList());
                    assertThat(s.containers())
                            .extracting(c -> c.name())
                            .contains("pg-0", "pg-1", "pg-2", "etcd-1", "pg-router", "pg-0-exporter");
                    assertThat(s.checks())
                            .extracting(HealthCheck::kind)
                            .contains(
                                    HealthCheck.Kind.ETCD_ENDPOINT,
                                    HealthCheck.Kind.ETCD_QUORUM,
                                    HealthCheck.Kind.POSTGRES_READY,
                                    HealthCheck.Kind.PATRONI_HEALTH,
                                    HealthCheck.Kind.PATRONI_LIVENESS,
                                    HealthCheck.Kind.PATRONI_READINESS,
                                    HealthCheck.Kind.ROUTER_BACKEND,
                                    HealthCheck.Kind.EXPORTER_SCRAPE,
                                    HealthCheck.Kind.ROUTER_WRITE,
                                    HealthCheck.Kind.ROUTER_READ);
                    assertThat(s.checks())
                            .filteredOn(c -> c.status() != HealthCheck.Status.PASS)
                            .isEmpty();
                    assertThat(s.sources()).allMatch(st -> st.available());
                    assertThat(s.health()).isEqualTo(ClusterHealth.HEALTHY);
                });
        StatusRun status = status();
        if (status.json().path("members").isEmpty()) {
            assertUnanswered(status, "DCS");
            assertUnanswered(status, "PATRONI");
        } else {
            assertThat(status.json().path("leader").asText())
                    .as(status.json().toString())
                    .isEqualTo(monitor.current().leader().orElseThrow());
            assertThat(status.json().path("members"))
                    .as(status.json().toString())
                    .hasSize(3);
            boolean allAnswered = true;
            for (JsonNode src : status.json().path("sources")) {
                allAnswered &= src.path("available").asBoolean();
            }
            if (allAnswered) {
                assertThat(status.json().path("health").asText())
                        .as(status.json().toString())
                        .isEqualTo("HEALTHY");
            }
        }
    }

    @Test
    @Order(3)
    void killingThePrimaryReadsContainerDiedThenLeaderChangedThenTheRouterAndItRejoinsWhenRestarted() {
        ClusterSnapshot before = monitor.current();
        String old = before.leader().orElseThrow();
        int oldTimeline = before.leaderMember().orElseThrow().timeline().orElseThrow();
        EVENTS.clear();
        dockerOk("kill", old);

        await("container died, leader changed, router follows")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() ->
                        indexOf(Kind.ROUTER_BACKEND_UP, e -> e.subject().startsWith(RouterBackend.WRITE_LISTENER + "/"))
                                >= 0);
        int died = indexOf(Kind.CONTAINER_DIED, e -> e.subject().equals(old));
        int changed = indexOf(Kind.LEADER_CHANGED, e -> e.details().get("new").length() > 0);
        int routed = indexOf(Kind.ROUTER_BACKEND_UP, e -> e.subject().startsWith(RouterBackend.WRITE_LISTENER + "/"));
        ClusterEvent change = EVENTS.get(changed);
        String leader = change.details().get("new");
        assertThat(died).as(describe()).isNotNegative().isLessThan(changed);
        assertThat(changed).as(describe()).isLessThan(routed);
        assertThat(change.details()).containsEntry("old", old);
        assertThat(leader).isNotEqualTo(old);
        assertThat(Integer.parseInt(change.details().get("timeline")))
                .as("the new timeline")
                .isGreaterThan(oldTimeline);
        assertThat(EVENTS.get(routed).subject()).isEqualTo(RouterBackend.WRITE_LISTENER + "/" + leader);

        dockerOk("start", old);
        await("the old primary joins again and streams")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    // Patroni's member key outlives a quick restart (the supervisor fenced only the leader key), so
                    // the member either joins again or, still listed, changes state; either way it ends streaming
                    List<ClusterEvent> seen = List.copyOf(EVENTS);
                    int started =
                            indexOf(Kind.CONTAINER_STARTED, e -> e.subject().equals(old));
                    assertThat(started).as(describe()).isNotNegative();
                    assertThat(seen.subList(Math.min(started, seen.size()), seen.size()).stream()
                                    .anyMatch(e -> e.subject().equals(old)
                                            && "streaming"
                                                    .equals(
                                                            e.kind() == Kind.MEMBER_JOINED
                                                                    ? e.details()
                                                                            .get("state")
                                                                    : e.kind() == Kind.MEMBER_STATE_CHANGED
                                                                            ? e.details()
                                                                                    .get("new")
                                                                            : null)))
                            .as(describe())
                            .isTrue();
                    assertThat(monitor.current().member(old).map(Member::isStreaming))
                            .contains(true);
                });
        assertThat(monitor.recentEvents(100))
                .as("the journal on disk has them")
                .extracting(ClusterEvent::kind)
                .contains(Kind.CONTAINER_DIED, Kind.LEADER_CHANGED, Kind.CONTAINER_STARTED)
                .containsAnyOf(Kind.MEMBER_JOINED, Kind.MEMBER_STATE_CHANGED);
    }

    @Test
    @Order(4)
    void etcdMembersDownAreSeenQuorumLossTooAndStatusStillAnswersWithinFiveSeconds() {
        await("etcd all healthy before")
                .atMost(Duration.ofSeconds(30))
                .until(() -> monitor.current().etcdMembers().stream().allMatch(e -> e.health() == Health.UP));
        EVENTS.clear();
        dockerOk("stop", "-t", "2", "etcd-3");
        await("etcd-3 down, quorum kept")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> {
                    ClusterSnapshot s = monitor.current();
                    assertThat(health(s, "etcd-3")).isEqualTo(Health.DOWN);
                    assertThat(health(s, "etcd-1")).isEqualTo(Health.UP);
                    assertThat(s.etcdQuorum()).isTrue();
                    assertThat(indexOf(Kind.ETCD_MEMBER_DOWN, e -> e.subject().equals("etcd-3")))
                            .isNotNegative();
                });
        assertTruthfulEtcd(status(), "etcd-3", true);

        dockerOk("stop", "-t", "2", "etcd-2");
        await("quorum lost")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> {
                    ClusterSnapshot s = monitor.current();
                    assertThat(s.etcdQuorum()).isFalse();
                    assertThat(indexOf(Kind.QUORUM_LOST, e -> true)).isNotNegative();
                });
        assertTruthfulEtcd(status(), "etcd-2", false);

        dockerOk("start", "etcd-2", "etcd-3");
        await("quorum regained")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    assertThat(monitor.current().etcdQuorum()).isTrue();
                    assertThat(indexOf(Kind.QUORUM_REGAINED, e -> true)).isNotNegative();
                });
    }

    private static List<String> up(ClusterSnapshot s, String listener) {
        return s.routerBackends().stream()
                .filter(b -> b.listener().equals(listener) && b.status() == RouterBackend.Status.UP)
                .map(RouterBackend::server)
                .toList();
    }

    private static Health health(ClusterSnapshot s, String etcdMember) {
        return s.etcdMembers().stream()
                .filter(e -> e.name().equals(etcdMember))
                .map(EtcdMember::health)
                .findFirst()
                .orElse(Health.UNKNOWN);
    }

    /**
     * What {@code pgha status} says about etcd is right: the stopped member is down and the quorum is what it
     * is. On a machine so busy that the etcd calls have not returned by the deadline, it must say that
     * instead (the DCS source "waiting"), never show a guess.
     */
    private static void assertTruthfulEtcd(StatusRun run, String stopped, boolean quorum) {
        JsonNode etcd = run.json().path("etcd");
        if (etcd.path("members").isEmpty()) {
            assertEtcdMembersUnanswered(run);
            return;
        }
        assertThat(etcd.path("quorum").asBoolean()).as(run.json().toString()).isEqualTo(quorum);
        assertThat(etcdHealth(run.json(), stopped)).as(run.json().toString()).isEqualTo("DOWN");
    }

    /** The etcd members are missing because the DCS source said why: unavailable, or etcd's member status not in yet. */
    private static void assertEtcdMembersUnanswered(StatusRun run) {
        JsonNode dcs = sourceOf(run, "DCS");
        if (dcs != null && dcs.path("available").asBoolean()) {
            assertThat(dcs.path("reason").asText()).as(run.json().toString()).startsWith("etcd member status: ");
            System.out.println(
                    "pgha status answered in " + run.took().toMillis() + " ms before etcd's member status did: " + dcs);
            return;
        }
        assertUnanswered(run, "DCS");
    }

    /** A part missing from {@code pgha status} is missing because its source said why, never silently. */
    private static void assertUnanswered(StatusRun run, String source) {
        JsonNode found = sourceOf(run, source);
        assertThat(found).as(source + " must be listed: " + run.json()).isNotNull();
        assertThat(found.path("available").asBoolean())
                .as(run.json().toString())
                .isFalse();
        assertThat(found.path("reason").asText()).as(run.json().toString()).isNotEmpty();
        System.out.println(
                "pgha status answered in " + run.took().toMillis() + " ms before " + source + " did: " + found);
    }

    /** The last entry for {@code source} in the run's "sources", or null when it has none. */
    private static JsonNode sourceOf(StatusRun run, String source) {
        JsonNode found = null;
        for (JsonNode s : run.json().path("sources")) {
            if (s.path("source").asText().equals(source)) {
                found = s;
            }
        }
        return found;
    }

    private static String etcdHealth(JsonNode status, String member) {
        for (JsonNode m : status.path("etcd").path("members")) {
            if (m.path("name").asText().equals(member)) {
                return m.path("health").asText();
            }
        }
        return "absent";
    }

    private static int indexOf(Kind kind, java.util.function.Predicate<ClusterEvent> p) {
        synchronized (EVENTS) {
            for (int i = 0; i < EVENTS.size(); i++) {
                if (EVENTS.get(i).kind() == kind && p.test(EVENTS.get(i))) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String describe() {
        synchronized (EVENTS) {
            return "events:\n"
                    + EVENTS.stream()
                            .map(e -> e.at() + " " + e.kind() + " " + e.message())
                            .collect(Collectors.joining("\n"));
        }
    }

    /** {@code ./pgha status --json}, the launcher users run (the jar is packaged before integration tests run). */
    private record StatusRun(JsonNode json, Duration took) {}

    private static Commands.Result runStatus() {
        return Commands.run(
                Duration.ofSeconds(60),
                RepoPaths.root(),
                Map.of("PGHA_CONFIG_DIR", configDir.toString(), "JAVA_HOME", System.getProperty("java.home")),
                RepoPaths.root().resolve("pgha").toString(),
                "status",
                "--json");
    }

    /** It must answer within 5 s, whatever is down. */
    private static StatusRun status() {
        long start = System.nanoTime();
        Commands.Result r = runStatus();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("pgha status --json: " + took.toMillis() + " ms");
        assertThat(r.ok()).as(r.describe()).isTrue();
        assertThat(took).as("pgha status wall time").isLessThan(Duration.ofSeconds(5));
        try {
            return new StatusRun(JSON.readTree(r.stdout()), took);
        } catch (IOException e) {
            throw new AssertionError("pgha status --json printed no JSON: " + r.describe(), e);
        }
    }

    /** patronictl list's role names. */
    private static final class StatusRole {
        static String of(Member m) {
            return switch (m.role()) {
                case LEADER -> "Leader";
                case STANDBY_LEADER -> "Standby Leader";
                case SYNC_STANDBY -> "Sync Standby";
                case QUORUM_STANDBY -> "Quorum Standby";
                default -> "Replica";
            };
        }
    }
}
