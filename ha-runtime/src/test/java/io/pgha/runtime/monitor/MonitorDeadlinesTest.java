package io.pgha.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.HealthCheck;
import io.pgha.runtime.model.Source;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A source that accepts connections and never answers must not hold up the snapshot, and closing the
 * monitor must stop its threads. (A silent TCP listener is a network condition, not a fake of Patroni.)
 */
class MonitorDeadlinesTest {

    private final List<Socket> accepted = new ArrayList<>();
    private ServerSocket silent;

    @AfterEach
    void closeSockets() throws IOException {
        for (Socket s : accepted) {
            s.close();
        }
        if (silent != null) {
            silent.close();
        }
    }

    private int silentPort() throws IOException {
        silent = new ServerSocket(0);
        Thread t = new Thread(
                () -> {
                    try {
                        while (true) {
                            accepted.add(silent.accept());
                        }
                    } catch (IOException closed) {
                        // test over
                    }
                },
                "silent-listener");
        t.setDaemon(true);
        t.start();
        return silent.getLocalPort();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aSilentAndARefusingMemberAreReportedWithinTheDeadlineAndCloseStopsEveryThread() throws IOException {
        ClusterConnection c = new ClusterConnection(
                "deadlines",
                "nowhere",
                List.of(),
                Optional.empty(),
                Map.of("pg-0", "http://127.0.0.1:" + silentPort(), "pg-1", "http://127.0.0.1:" + closedPort()),
                Optional.empty(),
                Optional.empty(),
                ClusterConnection.Origin.ATTACHED);
        MonitorSettings settings = MonitorSettings.defaults()
                .withPollInterval(Duration.ofMillis(500))
                .withSourceTimeout(Duration.ofMillis(700))
                .withDocker(false);
        long start = System.nanoTime();
        ClusterSnapshot s;
        try (ClusterMonitor m = ClusterMonitors.start(c, settings)) {
            s = m.awaitComplete(Duration.ofSeconds(10));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took)
                    .as("complete well within the deadline of every source")
                    .isLessThan(Duration.ofSeconds(3));
        }
        assertThat(s.source(Source.PATRONI).orElseThrow().available()).isFalse();
        assertThat(s.source(Source.PATRONI).orElseThrow().reason().orElseThrow())
                .contains("pg-0")
                .contains("pg-1");
        assertThat(s.checks())
                .filteredOn(h -> h.id().equals("patroni_health:pg-0"))
                .first()
                .satisfies(h -> assertThat(h.status()).isEqualTo(HealthCheck.Status.FAIL));
        assertThat(s.checks())
                .filteredOn(h -> h.id().equals("patroni_health:pg-1"))
                .first()
                .satisfies(h -> assertThat(h.detail()).contains("refused"));
        assertThat(s.source(Source.DCS).orElseThrow().reason().orElseThrow()).startsWith("not configured");
        await("the monitor's threads are gone")
                .atMost(Duration.ofSeconds(5))
                .until(() -> Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.getName().startsWith("pgha-monitor-deadlines")));
    }
}
