package io.pgha.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.model.ClusterEvent;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.ContainerInfo;
import io.pgha.runtime.model.EtcdMember;
import io.pgha.runtime.model.Health;
import io.pgha.runtime.model.HealthCheck;
import io.pgha.runtime.model.HostInfo;
import io.pgha.runtime.model.Role;
import io.pgha.runtime.model.RouterBackend;
import io.pgha.runtime.model.Source;
import io.pgha.runtime.model.SourceStatus;
import io.pgha.runtime.testsupport.MemberBuilder;
import io.pgha.runtime.testsupport.SnapshotBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusOutputTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final ClusterConnection CONNECTION = new ClusterConnection(
            "pg-ha",
            "pg-ha",
            List.of("http://127.0.0.1:23791"),
            Optional.empty(),
            Map.of("pg-0", "http://127.0.0.1:8008"),
            Optional.of(new ClusterConnection.RouterEndpoints("127.0.0.1", 5000, 5001, "http://127.0.0.1:8404/")),
            Optional.of("pg-ha"),
            ClusterConnection.Origin.ATTACHED);

    private static ClusterSnapshot snapshot() {
        return SnapshotBuilder.snapshot()
                .takenAt(AT)
                .leader("pg-0")
                .members(
                        MemberBuilder.member("pg-0", Role.LEADER, "running")
                                .timeline(5)
                                .lsn(100)
                                .build(),
                        MemberBuilder.member("pg-1", Role.REPLICA, "streaming")
                                .timeline(5)
                                .lsn(90)
                                .tags(Map.of("nofailover", "true"))
                                .pendingRestart(true)
                                .build())
                .etcdMembers(List.of(
                        new EtcdMember(
                                "etcd-1",
                                "http://127.0.0.1:23791",
                                Health.UP,
                                true,
                                OptionalLong.of(3),
                                OptionalLong.of(36864),
                                List.of(),
                                Optional.empty()),
                        new EtcdMember(
                                "etcd-2",
                                "http://127.0.0.1:23792",
                                Health.DOWN,
                                false,
                                OptionalLong.empty(),
                                OptionalLong.empty(),
                                List.of(),
                                Optional.of("connection refused"))))
                .routerBackends(List.of(
                        new RouterBackend("primary", "pg-0", RouterBackend.Status.UP, "L7OK", OptionalLong.of(3), 2)))
                .containers(List.of(new ContainerInfo(
                        "pg-1", "id", "postgres", "img", "exited", "none", 1, Optional.of(AT), OptionalInt.of(137))))
                .checks(List.of(new HealthCheck(
                        HealthCheck.Kind.ETCD_ENDPOINT,
                        "etcd-2",
                        HealthCheck.Status.FAIL,
                        Duration.ZERO,
                        AT,
                        "connection refused")))
                .sources(List.of(
                        new SourceStatus(Source.DCS, true, Optional.empty(), AT),
                        new SourceStatus(Source.DOCKER, false, Optional.of("cannot reach the Docker engine"), AT),
                        new SourceStatus(Source.EXPORTER, false, Optional.of("not configured: no exporters"), AT)))
                .build();
    }

    @Test
    void theTableReadsLikePatronictlListPlusEtcdRouterContainersAndProblems() {
        String text = StatusText.render(CONNECTION, snapshot());
        assertThat(text)
                .as("one of two etcd members up is no quorum")
                .contains("Cluster pg-ha (scope pg-ha): DOWN")
                .containsPattern("pg-0\\s+pg-0\\s+Leader\\s+running\\s+5")
                .containsPattern("pg-1\\s+pg-1\\s+Replica\\s+streaming\\s+5\\s+unknown\\s+\\*\\s+nofailover: true")
                .contains("etcd: QUORUM LOST")
                .containsPattern("etcd-2\\s+DOWN.*connection refused")
                .containsPattern("primary\\s+pg-0\\s+UP\\s+L7OK\\s+3 ms\\s+2")
                .containsPattern("pg-1\\s+postgres\\s+exited \\(137\\)")
                .contains("checks: 0 pass, 0 warn, 1 fail, 0 unknown")
                .containsPattern("FAIL\\s+etcd_endpoint:etcd-2\\s+connection refused")
                .contains("unavailable: DOCKER: cannot reach the Docker engine")
                .doesNotContain("EXPORTER");
    }

    @Test
    void theJsonFollowsTheDocumentedSchemaWithNullsForTheUnknown() throws Exception {
        JsonNode j = new ObjectMapper().readTree(StatusJson.status(CONNECTION, snapshot()));
        assertThat(j.path("schema").asInt()).isEqualTo(1);
        assertThat(j.path("leader").asText()).isEqualTo("pg-0");
        assertThat(j.path("health").asText()).isEqualTo("DOWN");
        assertThat(j.path("members").get(1).path("lagBytes").isNull())
                .as("unknown lag is null, not 0")
                .isTrue();
        assertThat(j.path("members").get(0).path("restUrl").asText()).isEqualTo("http://127.0.0.1:8008");
        assertThat(j.path("members").get(1).path("restUrl").isNull()).isTrue();
        assertThat(j.path("members").get(1).path("tags").path("nofailover").asText())
                .isEqualTo("true");
        assertThat(j.path("etcd").path("quorum").asBoolean()).isFalse();
        assertThat(j.path("etcd").path("members").get(1).path("error").asText()).isEqualTo("connection refused");
        assertThat(j.path("router").get(0).path("checkLatencyMs").asLong()).isEqualTo(3);
        assertThat(j.path("containers").get(0).path("exitCode").asInt()).isEqualTo(137);
        assertThat(j.path("checks").get(0).path("kind").asText()).isEqualTo("ETCD_ENDPOINT");
        assertThat(j.path("sources").get(1).path("reason").asText()).contains("Docker");
        assertThat(j.path("scheduledSwitchover").isNull()).isTrue();
    }

    private static ClusterSnapshot onTwoHosts() {
        return SnapshotBuilder.from(snapshot())
                .host(new HostInfo(
                        "pgha-th-1",
                        "192.168.241.11",
                        "ready",
                        "active",
                        "manager leader",
                        "26.1.5",
                        OptionalInt.of(2),
                        OptionalLong.of(8L << 30),
                        List.of(
                                new HostInfo.Placed("etcd-1", "running"),
                                new HostInfo.Placed("pg-0", "running"),
                                new HostInfo.Placed("router", "running"),
                                new HostInfo.Placed("supervisor", "running"))))
                .host(new HostInfo(
                        "pgha-th-2",
                        "192.168.241.12",
                        "down",
                        "active",
                        "manager unreachable",
                        "26.1.5",
                        OptionalInt.empty(),
                        OptionalLong.empty(),
                        List.of(new HostInfo.Placed("pg-1", "shutdown"))))
                .build();
    }

    @Test
    void aClusterOnASwarmHasAHostsSectionAndOneOnOneEngineNone() {
        assertThat(StatusText.render(CONNECTION, snapshot())).doesNotContain("hosts:");
        String text = StatusText.render(CONNECTION, onTwoHosts());
        assertThat(text)
                .contains("hosts: 2 (1 ready)")
                .containsPattern("Host\\s+Address\\s+State\\s+Role\\s+Engine\\s+Resources\\s+Members")
                .containsPattern("pgha-th-1\\s+192.168.241.11\\s+ready/active\\s+manager leader\\s+26.1.5\\s+"
                        + "2 CPUs, 8.0 GiB\\s+etcd-1, pg-0, router, supervisor")
                .containsPattern("pgha-th-2\\s+192.168.241.12\\s+down/active\\s+manager unreachable\\s+26.1.5\\s+"
                        + "pg-1 \\(shutdown\\)");
        assertThat(text.indexOf("hosts:")).isLessThan(text.indexOf("containers:"));
    }

    @Test
    void theJsonHasTheHostsOfASwarmAndAnEmptyArrayOnOneEngine() throws Exception {
        assertThat(new ObjectMapper()
                        .readTree(StatusJson.status(CONNECTION, snapshot()))
                        .path("hosts")
                        .isEmpty())
                .isTrue();
        JsonNode hosts = new ObjectMapper()
                .readTree(StatusJson.status(CONNECTION, onTwoHosts()))
                .path("hosts");
        assertThat(hosts).hasSize(2);
        JsonNode h1 = hosts.get(0);
        assertThat(h1.path("name").asText()).isEqualTo("pgha-th-1");
        assertThat(h1.path("address").asText()).isEqualTo("192.168.241.11");
        assertThat(h1.path("state").asText()).isEqualTo("ready");
        assertThat(h1.path("availability").asText()).isEqualTo("active");
        assertThat(h1.path("role").asText()).isEqualTo("manager leader");
        assertThat(h1.path("engine").asText()).isEqualTo("26.1.5");
        assertThat(h1.path("cpus").asInt()).isEqualTo(2);
        assertThat(h1.path("memoryBytes").asLong()).isEqualTo(8L << 30);
        assertThat(h1.path("members").get(1).path("name").asText()).isEqualTo("pg-0");
        assertThat(h1.path("members").get(1).path("task").asText()).isEqualTo("running");
        JsonNode h2 = hosts.get(1);
        assertThat(h2.path("state").asText()).isEqualTo("down");
        assertThat(h2.path("cpus").isNull()).isTrue();
        assertThat(h2.path("members").get(0).path("task").asText()).isEqualTo("shutdown");
    }

    @Test
    void anEventIsOneJsonLine() throws Exception {
        String line = StatusJson.event(new ClusterEvent(
                AT,
                ClusterEvent.Kind.LEADER_CHANGED,
                ClusterEvent.Severity.WARNING,
                "pg-1",
                "leader changed: pg-0 → pg-1 (timeline 6)",
                Map.of("old", "pg-0", "new", "pg-1", "timeline", "6")));
        assertThat(line).doesNotContain("\n");
        JsonNode j = new ObjectMapper().readTree(line);
        assertThat(j.path("kind").asText()).isEqualTo("LEADER_CHANGED");
        assertThat(j.path("details").path("timeline").asText()).isEqualTo("6");
        assertThat(j.path("at").asText()).isEqualTo("2026-01-01T00:00:00Z");
    }

    @Test
    void withNothingKnownStatusSaysHowToAttach(@TempDir Path config) {
        System.setProperty("pgha.config.dir", config.toString());
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int rc = Main.run(new String[] {"status"}, new PrintWriter(out, true), new PrintWriter(err, true));
            assertThat(rc).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(err.toString()).contains("no cluster is known yet").contains("pgha attach");
        } finally {
            System.clearProperty("pgha.config.dir");
        }
    }
}
