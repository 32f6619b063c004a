package io.pgha.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.model.SourceStatus;
import io.pgha.runtime.testsupport.Fixtures;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A light start whose Patroni answers holds the other sources back until the viewer has drawn the cluster, at most
 * {@link MonitorSources#laterAtTheLatest}; meanwhile they are "first answer pending" (checking), never failed. Patroni
 * is a real HTTP server answering /cluster as Patroni 4.0 does; PostgreSQL (no router: nothing to log in to) stands
 * for the held-back sources, as it reports at once when started.
 */
class HeldBackSourcesTest {

    private static final MonitorSources.Signals SIGNALS = Snapshots.HEALTHY_SIGNALS;

    private HttpServer patroni;
    private ClusterConnection connection;
    private final MonitorSettings light = MonitorSettings.defaults()
            .withSourceTimeout(Duration.ofSeconds(2))
            .withDocker(false)
            .withLightFirstRound(true);

    @BeforeEach
    void patroni() throws IOException {
        patroni = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        patroni.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = path.endsWith("/cluster")
                    ? Fixtures.read("patroni/cluster-4.0.json").getBytes(StandardCharsets.UTF_8)
                    : PatroniPollRequestsTest.STATUS.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        patroni.start();
        connection = new ClusterConnection(
                "held",
                "pg-ha",
                List.of(),
                Optional.empty(),
                Map.of("pg-0", "http://127.0.0.1:" + patroni.getAddress().getPort()),
                Optional.empty(),
                Optional.empty(),
                ClusterConnection.Origin.ATTACHED);
    }

    @AfterEach
    void stop() {
        patroni.stop(0);
    }

    @Test
    void theOthersWaitForTheDrawingAndStartTheMomentItIsReported() {
        try (MonitorSources sources = MonitorSources.forConnection(connection, light, Clock.systemUTC(), SIGNALS)) {
            sources.start();
            await("Patroni answers first")
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> sources.parts(Instant.now()).patroni().available());

            await("PostgreSQL is held back while the cluster is not drawn, shown as checking")
                    .during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> {
                        Reading<PostgresReading> r =
                                sources.parts(Instant.now()).postgres();
                        return !r.answered() && r.reason().equals(Optional.of(SourceStatus.FIRST_ANSWER_PENDING));
                    });
            assertThat(sources.allStartedAt()).isEmpty();

            sources.clusterShown();

            await("started once the cluster is drawn, well before the bounded delay (4 s)")
                    .atMost(Duration.ofMillis(1500))
                    .until(() -> sources.parts(Instant.now()).postgres().answered());
            assertThat(sources.allStartedAt()).isPresent();
        }
    }

    @Test
    void withoutADrawingTheOthersStartAfterTheBoundedDelay() {
        Duration bound = MonitorSources.laterAtTheLatest(light);
        try (MonitorSources sources = MonitorSources.forConnection(connection, light, Clock.systemUTC(), SIGNALS)) {
            sources.start();

            await("held back until the bound")
                    .during(bound.minusMillis(1000))
                    .atMost(bound)
                    .until(() -> !sources.parts(Instant.now()).postgres().answered());
            await("started at the bound")
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> sources.parts(Instant.now()).postgres().answered());
        }
    }

    @Test
    void aStartThatIsNotLightHoldsNothingBack() {
        try (MonitorSources sources = MonitorSources.forConnection(
                connection, light.withLightFirstRound(false), Clock.systemUTC(), SIGNALS)) {
            sources.start();

            assertThat(sources.allStartedAt()).isPresent();
            await().atMost(Duration.ofSeconds(1))
                    .until(() -> sources.parts(Instant.now()).postgres().answered());
        }
    }
}
