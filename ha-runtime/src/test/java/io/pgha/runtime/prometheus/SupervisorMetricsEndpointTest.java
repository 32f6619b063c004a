package io.pgha.runtime.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.supervisor.Heartbeat;
import io.pgha.runtime.supervisor.SupervisorAction;
import io.pgha.runtime.supervisor.SupervisorEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The supervisor's /metrics as Prometheus reads it, after a fenced failover's events. */
class SupervisorMetricsEndpointTest {

    @Test
    void aFencedFailoverIsCountedAndTimed() throws Exception {
        try (SupervisorMetricsEndpoint endpoint = SupervisorMetricsEndpoint.serve(0)) {
            endpoint.handled(new SupervisorEvent.ContainerDied("pg-0"), List.of(), Duration.ofMillis(3));
            endpoint.handled(new SupervisorEvent.LeaderKeyDeleted("pg-0", true), List.of(), Duration.ofMillis(2));
            endpoint.handled(new SupervisorEvent.LeaderKeyDeleted("pg-1", false), List.of(), Duration.ofMillis(1));
            endpoint.handled(
                    new SupervisorEvent.PromotionAwaited("pg-1", true),
                    List.of(new SupervisorAction.RouterCommands(List.of(
                            new SupervisorAction.ForceHealth("primary", "pg-1", true),
                            new SupervisorAction.ShutdownSessions("primary", "pg-0")))),
                    Duration.ofMillis(40));

            String text = scrape(endpoint.port());

            assertThat(text)
                    .contains("pgha_supervisor_events_total{event=\"ContainerDied\"} 1.0")
                    .contains("pgha_supervisor_events_total{event=\"LeaderKeyDeleted\"} 2.0")
                    .contains("pgha_supervisor_fences_total{result=\"released\"} 1.0")
                    .contains("pgha_supervisor_fences_total{result=\"kept\"} 1.0")
                    .contains("pgha_supervisor_promotions_total{result=\"writable\"} 1.0")
                    .contains("pgha_supervisor_router_commands_total 2.0")
                    .contains("pgha_supervisor_reaction_seconds_bucket{event=\"PromotionAwaited\",le=\"0.05\"} 1")
                    .contains("pgha_supervisor_reaction_seconds_bucket{event=\"PromotionAwaited\",le=\"0.01\"} 0");
        }
    }

    @Test
    void aHeartbeatSetsItsTime() throws Exception {
        try (SupervisorMetricsEndpoint endpoint = SupervisorMetricsEndpoint.serve(0)) {
            long before = System.currentTimeMillis() / 1000;
            endpoint.handled(
                    new SupervisorEvent.HeartbeatDue(),
                    List.of(new SupervisorAction.PublishHeartbeat(new Heartbeat(
                            Instant.now(), Optional.empty(), true, true, "postgres", "started", Instant.now()))),
                    Duration.ofMillis(1));

            String line = scrape(endpoint.port())
                    .lines()
                    .filter(l -> l.startsWith("pgha_supervisor_last_heartbeat_timestamp_seconds "))
                    .findFirst()
                    .orElseThrow();
            double at = Double.parseDouble(line.substring(line.indexOf(' ') + 1));
            assertThat(at).isBetween((double) before, before + 60.0);
        }
    }

    @Test
    void itSaysWhetherThisSupervisorLeadsOrStandsBy() throws Exception {
        try (SupervisorMetricsEndpoint endpoint = SupervisorMetricsEndpoint.serve(0)) {
            assertThat(scrape(endpoint.port())).contains("pgha_supervisor_leader 0.0");

            endpoint.handled(new SupervisorEvent.LeadershipChanged(Optional.of(42L)), List.of(), Duration.ZERO);
            assertThat(scrape(endpoint.port()))
                    .contains("pgha_supervisor_leader 1.0")
                    .contains("pgha_supervisor_leadership_changes_total{to=\"leader\"} 1.0");

            endpoint.handled(new SupervisorEvent.LeadershipChanged(Optional.empty()), List.of(), Duration.ZERO);
            assertThat(scrape(endpoint.port()))
                    .contains("pgha_supervisor_leader 0.0")
                    .contains("pgha_supervisor_leadership_changes_total{to=\"standby\"} 1.0");
        }
    }

    private static String scrape(int port) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body();
        }
    }
}
