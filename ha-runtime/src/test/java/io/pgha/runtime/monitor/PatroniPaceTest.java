package io.pgha.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.pgha.runtime.model.Source;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When Patroni may be asked at the slow pace: only while the etcd watch shows the members and every member answered
 * that it runs PostgreSQL (readings made by a real poll of a server answering as Patroni does).
 */
class PatroniPaceTest {

    private HttpServer server;

    private Reading<PatroniReading> pollOf(String state) throws IOException {
        String status =
                PatroniPollRequestsTest.STATUS.replace("\"state\": \"running\"", "\"state\": \"" + state + "\"");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = status.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (PatroniPoll poll = new PatroniPoll(
                Map.of("pg-1", "http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofSeconds(5),
                () -> false,
                Clock.systemUTC())) {
            return poll.poll(Reading.pending(Source.PATRONI, Instant.now()));
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aRunningClusterSeenByTheWatchIsAskedSlowly() throws IOException {
        Reading<PatroniReading> running = pollOf("running");

        assertThat(MonitorSources.patroniQuiet(true, running)).isTrue();
        assertThat(MonitorSources.patroniQuiet(false, running))
                .as("without the watch, Patroni is where members come from")
                .isFalse();
    }

    @Test
    void aMemberThatDoesNotRunOrAnswerKeepsTheNormalPace() throws IOException {
        assertThat(MonitorSources.patroniQuiet(true, pollOf("starting"))).isFalse();
        assertThat(MonitorSources.patroniQuiet(
                        true,
                        Reading.degraded(Source.PATRONI, java.util.Optional.empty(), false, "refused", Instant.now())))
                .isFalse();
        assertThat(MonitorSources.patroniQuiet(true, Reading.pending(Source.PATRONI, Instant.now())))
                .isFalse();
    }
}
