package io.pgha.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Source;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Which sources a connection gets, before any of them is started: what it lacks is "not configured", with the reason. */
class MonitorSourcesTest {

    private static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");

    private static final MonitorSources.Signals NO_MONITOR = new MonitorSources.Signals() {
        @Override
        public void merge() {}

        @Override
        public void settledMerge() {}

        @Override
        public ClusterSnapshot current() {
            throw new AssertionError("no source asks before it is started");
        }
    };

    @Test
    void aClusterAttachedByPatroniUrlsOnlyHasOnlyPolledPatroniAndPostgres() {
        ClusterConnection patroniOnly = new ClusterConnection(
                "only-patroni",
                "pg-ha",
                List.of(),
                Optional.empty(),
                Map.of("pg-0", "http://127.0.0.1:1"),
                Optional.empty(),
                Optional.empty(),
                ClusterConnection.Origin.ATTACHED);

        try (MonitorSources sources = MonitorSources.forConnection(
                patroniOnly, MonitorSettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC), NO_MONITOR)) {
            SnapshotParts parts = sources.parts(NOW);

            assertThat(parts.scope()).isEqualTo("pg-ha");
            assertThat(parts.dcs().configured()).isFalse();
            assertThat(parts.dcs().reason())
                    .contains("not configured: no etcd endpoints; members come from Patroni's REST API");
            assertThat(parts.etcd().reason()).contains("not configured: no etcd endpoints");
            assertThat(parts.router().reason()).contains("not configured: no router endpoints");
            assertThat(parts.docker().reason())
                    .contains("not configured: the cluster does not run on the local Docker engine");
            assertThat(parts.exporters().reason())
                    .contains("not configured: exporters are found among the local containers");
            assertThat(parts.patroni().configured()).as("Patroni is polled").isTrue();
            assertThat(parts.patroni().answered()).isFalse();
            assertThat(parts.postgres().configured()).as("PostgreSQL is polled").isTrue();
            assertThat(parts.complete()).isFalse();
        }
    }

    @Test
    void dockerObservationTurnedOffIsSaidSo() {
        ClusterConnection local = new ClusterConnection(
                "local",
                "pg-ha",
                List.of(),
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                Optional.of("pg-ha"),
                ClusterConnection.Origin.PROVISIONED);

        try (MonitorSources sources = MonitorSources.forConnection(
                local, MonitorSettings.defaults().withDocker(false), Clock.fixed(NOW, ZoneOffset.UTC), NO_MONITOR)) {
            SnapshotParts parts = sources.parts(NOW);

            assertThat(parts.docker().source()).isEqualTo(Source.DOCKER);
            assertThat(parts.docker().reason()).contains("not configured: Docker observation is turned off");
            assertThat(parts.exporters().configured()).isFalse();
        }
    }

    @Test
    void aLightStartAsksPatroniFirstAndTheOthersOncePatroniHasReported() throws IOException {
        // added to by the accepting thread while the test closes them: Patroni's early retries keep connecting
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // never answers: Patroni reports at its deadline
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            ClusterConnection c = new ClusterConnection(
                    "light",
                    "pg-ha",
                    List.of(),
                    Optional.empty(),
                    Map.of("pg-0", "http://127.0.0.1:" + silent.getLocalPort()),
                    Optional.empty(),
                    Optional.empty(),
                    ClusterConnection.Origin.ATTACHED);
            MonitorSettings settings = MonitorSettings.defaults()
                    .withSourceTimeout(Duration.ofSeconds(2))
                    .withDocker(false);
            MonitorSources.Signals signals = Snapshots.HEALTHY_SIGNALS;
            try (MonitorSources all = MonitorSources.forConnection(c, settings, Clock.systemUTC(), signals)) {
                all.start();
                await("without a light start, PostgreSQL (no router: nothing to log in to) reports at once")
                        .atMost(Duration.ofSeconds(1))
                        .until(() -> all.parts(Instant.now()).postgres().answered());
            }
            try (MonitorSources light =
                    MonitorSources.forConnection(c, settings.withLightFirstRound(true), Clock.systemUTC(), signals)) {
                light.start();

                await("PostgreSQL waits while Patroni's first round runs (up to its deadline, 2 s)")
                        .during(Duration.ofMillis(1500))
                        .atMost(Duration.ofMillis(1800))
                        .until(() -> !light.parts(Instant.now()).postgres().answered());
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> light.parts(Instant.now()).postgres().answered());
            } finally {
                for (Socket s : accepted) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aSourceIsStuckAfterItsAllowanceLongerInTheBackgroundAndCountedFromTheReturnAfterIt() {
        Duration allowance = Duration.ofSeconds(30);
        Instant heard = NOW;
        Instant never = Instant.MIN;
        // updated at, background, back in the foreground since, now → stuck
        Object[][] table = {
            {heard, false, never, NOW.plusSeconds(29), false},
            {heard, false, never, NOW.plusSeconds(31), true},
            {heard, true, never, NOW.plusSeconds(31), false}, // polled 6 times slower: 180 s allowed
            {heard, true, never, NOW.plusSeconds(179), false},
            {heard, true, never, NOW.plusSeconds(181), true},
            {heard, false, NOW.plusSeconds(150), NOW.plusSeconds(170), false}, // asked at the return, not yet answered
            {heard, false, NOW.plusSeconds(150), NOW.plusSeconds(181), true},
            {NOW.plusSeconds(160), false, NOW.plusSeconds(150), NOW.plusSeconds(189), false},
            {NOW.plusSeconds(160), false, NOW.plusSeconds(150), NOW.plusSeconds(191), true},
        };
        for (Object[] row : table) {
            assertThat(MonitorSources.stuck(
                            (Instant) row[0], allowance, (Boolean) row[1], (Instant) row[2], (Instant) row[3]))
                    .as("heard %s, background %s, foreground since %s, now %s", row[0], row[1], row[2], row[3])
                    .isEqualTo(row[4]);
        }
    }
}
