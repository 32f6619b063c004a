package io.pgha.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.dcs.DcsView;
import io.pgha.runtime.dcs.EtcdClusterStatus;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.HealthCheck;
import io.pgha.runtime.model.HostInfo;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.Role;
import io.pgha.runtime.model.RouterBackend;
import io.pgha.runtime.model.Source;
import io.pgha.runtime.patroni.PatroniCluster;
import io.pgha.runtime.patroni.PatroniJson;
import io.pgha.runtime.patroni.PatroniNode;
import io.pgha.runtime.patroni.PatroniProbe;
import io.pgha.runtime.testsupport.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SnapshotAssemblerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private static DcsView dcs(String leader, int leaderTimeline) {
        return DcsView.parse(
                "pg-ha",
                10,
                Map.of(
                        "leader", leader,
                        "members/pg-0",
                                "{\"conn_url\":\"postgres://pg-0:5432/postgres\",\"api_url\":\"http://pg-0:8008/patroni\",\"state\":\"running\","
                                        + "\"role\":\"primary\",\"xlog_location\":100,\"timeline\":" + leaderTimeline
                                        + "}",
                        "members/pg-1",
                                "{\"conn_url\":\"postgres://pg-1:5432/postgres\",\"api_url\":\"http://pg-1:8008/patroni\",\"state\":\"running\","
                                        + "\"role\":\"replica\",\"xlog_location\":100,\"replication_state\":\"streaming\",\"timeline\":5}"));
    }

    private static PatroniReading.Node node(String name, String fixture) {
        PatroniNode n = PatroniNode.parse(PatroniJson.parse(Fixtures.read("patroni/" + fixture)));
        PatroniProbe ok = new PatroniProbe("/health", 200, Duration.ofMillis(3));
        return new PatroniReading.Node(
                name,
                "http://127.0.0.1:8008",
                Optional.of(n),
                Optional.of(ok),
                Optional.of(new PatroniProbe("/liveness", 200, Duration.ofMillis(2))),
                Optional.of(new PatroniProbe("/readiness", 503, Duration.ofMillis(2))),
                Optional.empty(),
                false,
                NOW);
    }

    private static <T> Reading<T> none(Source s) {
        return Reading.notConfigured(s, "not here", NOW);
    }

    private static SnapshotParts parts(
            Reading<DcsView> dcs, Reading<PatroniReading> patroni, Reading<List<RouterBackend>> router) {
        return new SnapshotParts(
                "pg-ha",
                NOW,
                dcs,
                Reading.<EtcdClusterStatus>pending(Source.DCS, NOW),
                patroni,
                router,
                none(Source.POSTGRES),
                none(Source.DOCKER),
                none(Source.EXPORTER),
                List.of(),
                notOnASwarm());
    }

    private static Reading<List<HostInfo>> notOnASwarm() {
        return Reading.notConfigured(Source.SWARM, "not placed on a Swarm", NOW);
    }

    @Test
    void theDcsDecidesWhoLeadsAndAMembersOwnAnswerGivesTheFresherTimeline() {
        PatroniReading patroni = new PatroniReading(
                Map.of("pg-0", node("pg-0", "patroni-primary.json")), Optional.empty(), Optional.empty());
        ClusterSnapshot s = SnapshotAssembler.assemble(parts(
                Reading.ok(Source.DCS, dcs("pg-0", 4), NOW),
                Reading.ok(Source.PATRONI, patroni, NOW),
                none(Source.ROUTER)));
        assertThat(s.leader()).contains("pg-0");
        assertThat(s.member("pg-0").orElseThrow().timeline())
                .as("5 from /patroni beats 4 from the key")
                .hasValue(5);
        assertThat(s.member("pg-1").orElseThrow().lagBytes()).hasValue(0);
        assertThat(s.checks())
                .extracting(HealthCheck::id)
                .contains(
                        "patroni_health:pg-0",
                        "patroni_liveness:pg-0",
                        "patroni_readiness:pg-0",
                        "postgres_ready:pg-0",
                        "postgres_ready:pg-1");
        assertThat(s.checks())
                .filteredOn(c -> c.id().equals("patroni_readiness:pg-0"))
                .first()
                .satisfies(c -> assertThat(c.status()).isEqualTo(HealthCheck.Status.FAIL));
        assertThat(s.checks())
                .filteredOn(c -> c.id().equals("postgres_ready:pg-1"))
                .first()
                .satisfies(c -> assertThat(c.status())
                        .as("pg-1's Patroni did not answer")
                        .isEqualTo(HealthCheck.Status.UNKNOWN));
        assertThat(s.source(Source.DCS).orElseThrow().available()).isTrue();
        assertThat(s.etcdMembers()).isEmpty();
        assertThat(s.source(Source.DCS).orElseThrow().reason())
                .as("why the etcd members are missing")
                .hasValueSatisfying(r -> assertThat(r).startsWith("etcd member status: "));
    }

    /** The keys as Patroni publishes them a loop apart: the leader after a WAL segment switch, pg-1 before it. */
    private static DcsView published(long leaderPosition, long replicaPosition) {
        return DcsView.parse(
                "pg-ha",
                10,
                Map.of(
                        "leader", "pg-0",
                        "members/pg-0",
                                "{\"conn_url\":\"postgres://pg-0:5432/postgres\",\"api_url\":\"http://pg-0:8008/patroni\",\"state\":\"running\","
                                        + "\"role\":\"primary\",\"xlog_location\":" + leaderPosition
                                        + ",\"timeline\":5}",
                        "members/pg-1",
                                "{\"conn_url\":\"postgres://pg-1:5432/postgres\",\"api_url\":\"http://pg-1:8008/patroni\",\"state\":\"running\","
                                        + "\"role\":\"replica\",\"xlog_location\":" + replicaPosition
                                        + ",\"replication_state\":\"streaming\",\"timeline\":5}"));
    }

    private static final long SEGMENT = 16L * 1024 * 1024;

    /** pg-1's lag when the keys put it a segment behind and these members answered for themselves (both fixtures stand
     * at 67428200). */
    private static java.util.OptionalLong lagOfPg1(Map<String, String> ownAnswers) {
        Map<String, PatroniReading.Node> nodes = new java.util.HashMap<>();
        ownAnswers.forEach((name, fixture) -> nodes.put(name, node(name, fixture)));
        ClusterSnapshot s = SnapshotAssembler.assemble(parts(
                Reading.ok(Source.DCS, published(67428200, 67428200 - SEGMENT), NOW),
                Reading.ok(Source.PATRONI, new PatroniReading(nodes, Optional.empty(), Optional.empty()), NOW),
                none(Source.ROUTER)));
        return s.member("pg-1").orElseThrow().lagBytes();
    }

    @Test
    void aReplicasLagComesFromThePositionsTheMembersReportThemselvesInOneRound() {
        assertThat(lagOfPg1(Map.of("pg-0", "patroni-primary.json", "pg-1", "patroni-replica.json")))
                .as("16 MiB behind by the published keys, level by its own answer")
                .hasValue(0);
        assertThat(lagOfPg1(Map.of("pg-0", "patroni-primary.json")))
                .as("without its own answer, what Patroni published")
                .hasValue(SEGMENT);
        assertThat(lagOfPg1(Map.of("pg-0", "patroni-replica.json", "pg-1", "patroni-replica.json")))
                .as("a key holder that says it no longer leads gives no position to measure against")
                .hasValue(SEGMENT);
    }

    @Test
    void checksLeftForTheNextRoundAreCheckingNotFailing() {
        PatroniReading.Node asked = node("pg-0", "patroni-primary.json");
        PatroniReading.Node firstRound = new PatroniReading.Node(
                asked.name(),
                asked.url(),
                asked.node(),
                asked.health(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                true,
                NOW);
        PatroniReading patroni = new PatroniReading(Map.of("pg-0", firstRound), Optional.empty(), Optional.empty());
        ClusterSnapshot s = SnapshotAssembler.assemble(parts(
                Reading.ok(Source.DCS, dcs("pg-0", 4), NOW),
                Reading.ok(Source.PATRONI, patroni, NOW),
                none(Source.ROUTER)));
        Map<String, HealthCheck.Status> status = new java.util.HashMap<>();
        s.checks().forEach(c -> status.put(c.id(), c.status()));
        assertThat(status)
                .containsEntry("patroni_health:pg-0", HealthCheck.Status.PASS)
                .containsEntry("patroni_liveness:pg-0", HealthCheck.Status.UNKNOWN)
                .containsEntry("patroni_readiness:pg-0", HealthCheck.Status.UNKNOWN);
    }

    @Test
    void membersKnownFromAnotherMembersClusterAloneAreDrawnWithEveryCheckChecking() {
        PatroniCluster cluster = PatroniCluster.parse(PatroniJson.parse(Fixtures.read("patroni/cluster-4.0.json")));
        Map<String, PatroniReading.Node> waiting = new java.util.LinkedHashMap<>();
        for (String name : List.of("pg-0", "pg-1", "pg-2")) {
            waiting.put(
                    name,
                    new PatroniReading.Node(
                            name,
                            "https://127.0.0.1:8008",
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            true,
                            NOW));
        }
        PatroniReading patroni = new PatroniReading(waiting, Optional.of(cluster), Optional.empty());
        ClusterSnapshot s = SnapshotAssembler.assemble(
                parts(Reading.pending(Source.DCS, NOW), Reading.ok(Source.PATRONI, patroni, NOW), none(Source.ROUTER)));

        assertThat(s.leader()).contains("pg-0");
        assertThat(s.members()).extracting(Member::name).containsExactly("pg-0", "pg-1", "pg-2");
        assertThat(s.checks())
                .filteredOn(c -> c.id().startsWith("patroni_") || c.id().startsWith("postgres_ready"))
                .hasSize(12)
                .allSatisfy(c -> {
                    assertThat(c.status()).isEqualTo(HealthCheck.Status.UNKNOWN);
                    assertThat(c.detail()).startsWith("checking");
                });
    }

    @Test
    void withoutTheDcsPatronisClusterViewIsUsedAndStaleDcsDataIsNot() {
        PatroniCluster cluster = PatroniCluster.parse(PatroniJson.parse(Fixtures.read("patroni/cluster-4.0.json")));
        PatroniReading patroni = new PatroniReading(Map.of(), Optional.of(cluster), Optional.of(Map.of("ttl", 20)));
        Reading<DcsView> dark =
                Reading.degraded(Source.DCS, Optional.of(dcs("pg-1", 9)), false, "etcd has no leader", NOW);
        ClusterSnapshot s =
                SnapshotAssembler.assemble(parts(dark, Reading.ok(Source.PATRONI, patroni, NOW), none(Source.ROUTER)));
        assertThat(s.leader()).contains("pg-0");
        assertThat(s.members()).extracting(Member::name).containsExactly("pg-0", "pg-1", "pg-2");
        assertThat(s.dynamicConfig()).containsEntry("ttl", 20);
        assertThat(s.source(Source.DCS).orElseThrow().reason()).contains("etcd has no leader");
    }

    @Test
    void withNeitherEachMembersOwnAnswerIsUsedAndOnlyASoleClaimantLeads() {
        PatroniReading patroni = new PatroniReading(
                Map.of("pg-0", node("pg-0", "patroni-primary.json"), "pg-1", node("pg-1", "patroni-replica.json")),
                Optional.empty(),
                Optional.empty());
        ClusterSnapshot s = SnapshotAssembler.assemble(
                parts(Reading.pending(Source.DCS, NOW), Reading.ok(Source.PATRONI, patroni, NOW), none(Source.ROUTER)));
        assertThat(s.leader()).contains("pg-0");
        assertThat(s.member("pg-1").orElseThrow().state()).isEqualTo("streaming");
        assertThat(s.member("pg-1").orElseThrow().lagBytes())
                .as("from the positions both reported themselves in this round")
                .hasValue(0);
    }

    @Test
    void routerBackendsAreCheckedAgainstTheRoles() {
        List<RouterBackend> backends = List.of(
                new RouterBackend("primary", "pg-0", RouterBackend.Status.DOWN, "L7STS", OptionalLong.of(2), 0),
                new RouterBackend("primary", "pg-1", RouterBackend.Status.DOWN, "L7STS", OptionalLong.of(2), 0),
                new RouterBackend("replicas", "pg-0", RouterBackend.Status.DOWN, "L7STS", OptionalLong.of(2), 0),
                new RouterBackend("replicas", "pg-1", RouterBackend.Status.UP, "L7OK", OptionalLong.of(2), 4),
                new RouterBackend("replicas", "pg-2", RouterBackend.Status.MAINT, "", OptionalLong.empty(), 0));
        ClusterSnapshot s = SnapshotAssembler.assemble(parts(
                Reading.ok(Source.DCS, dcs("pg-0", 5), NOW),
                none(Source.PATRONI),
                Reading.ok(Source.ROUTER, backends, NOW)));
        Map<String, HealthCheck.Status> status = new java.util.HashMap<>();
        s.checks().stream()
                .filter(c -> c.kind() == HealthCheck.Kind.ROUTER_BACKEND)
                .forEach(c -> status.put(c.target(), c.status()));
        assertThat(status)
                .containsEntry("primary/pg-0", HealthCheck.Status.FAIL)
                .containsEntry("primary/pg-1", HealthCheck.Status.PASS)
                .containsEntry("replicas/pg-0", HealthCheck.Status.PASS)
                .containsEntry("replicas/pg-1", HealthCheck.Status.PASS)
                .containsEntry("replicas/pg-2", HealthCheck.Status.WARN);
        assertThat(s.routerBackends()).hasSize(5);
    }

    @Test
    void aClusterOnASwarmHasItsHostsAndASwarmSourceAndOneOnOneEngineNeither() {
        SnapshotParts one =
                parts(Reading.pending(Source.DCS, NOW), Reading.pending(Source.PATRONI, NOW), none(Source.ROUTER));
        ClusterSnapshot engine = SnapshotAssembler.assemble(one);
        assertThat(engine.hosts()).isEmpty();
        assertThat(engine.source(Source.SWARM)).isEmpty();

        io.pgha.runtime.model.HostInfo host = new io.pgha.runtime.model.HostInfo(
                "pgha-th-1",
                "192.168.241.11",
                "ready",
                "active",
                "manager leader",
                "26.1.5",
                java.util.OptionalInt.of(2),
                java.util.OptionalLong.empty(),
                List.of(new io.pgha.runtime.model.HostInfo.Placed("pg-0", "running")));
        SnapshotParts swarm = new SnapshotParts(
                one.scope(),
                NOW,
                one.dcs(),
                one.etcd(),
                one.patroni(),
                one.router(),
                one.postgres(),
                one.docker(),
                one.exporters(),
                List.of(),
                Reading.ok(Source.SWARM, List.of(host), NOW));
        ClusterSnapshot placed = SnapshotAssembler.assemble(swarm);
        assertThat(placed.hosts()).containsExactly(host);
        assertThat(placed.source(Source.SWARM))
                .hasValueSatisfying(st -> assertThat(st.available()).isTrue());
    }

    @Test
    void beforeAnyAnswerEverySourceWaits() {
        ClusterSnapshot s = SnapshotAssembler.assemble(new SnapshotParts(
                "pg-ha",
                NOW,
                Reading.pending(Source.DCS, NOW),
                Reading.pending(Source.DCS, NOW),
                Reading.pending(Source.PATRONI, NOW),
                Reading.pending(Source.ROUTER, NOW),
                Reading.pending(Source.POSTGRES, NOW),
                Reading.pending(Source.DOCKER, NOW),
                Reading.pending(Source.EXPORTER, NOW),
                List.of(),
                notOnASwarm()));
        assertThat(s.sources()).hasSize(6).noneMatch(st -> st.available());
        assertThat(s.members()).isEmpty();
        assertThat(s.leader()).isEmpty();
        assertThat(s.members().stream().map(Member::role)).doesNotContain(Role.LEADER);
    }
}
