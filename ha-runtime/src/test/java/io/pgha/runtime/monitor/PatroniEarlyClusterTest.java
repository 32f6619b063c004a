package io.pgha.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.pgha.runtime.model.Source;
import io.pgha.runtime.testsupport.Fixtures;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A light start's early /cluster call ({@link PatroniPoll#askEarly}) is the first poll's only /cluster request: the
 * poll takes its answer, or waits for it while it is on its way, and never asks the member a second time. A second
 * request to a cold Patroni over TLS is one more handshake before the first drawing. Against a real HTTP server that
 * counts what it is asked.
 */
class PatroniEarlyClusterTest {

    private final List<String> asked = new CopyOnWriteArrayList<>();
    /** Holds every /cluster answer until released (released at once unless a test says otherwise). */
    private final CountDownLatch clusterAnswers = new CountDownLatch(1);

    private HttpServer server;

    /** Three members on one server (each its own base path); /cluster as Patroni 4.0 answers it. */
    private PatroniPoll threeMembers() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            asked.add(path);
            byte[] body = new byte[0];
            if (path.endsWith("/cluster")) {
                try {
                    clusterAnswers.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                body = Fixtures.read("patroni/cluster-4.0.json").getBytes(StandardCharsets.UTF_8);
            } else if (path.endsWith("/health")) {
                body = PatroniPollRequestsTest.STATUS.getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return PatroniPollRequestsTest.threeMembersOn(server);
    }

    @AfterEach
    void stop() {
        clusterAnswers.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void theFirstPollTakesTheEarlyAnswerAndAsksNoSecondCluster() throws IOException {
        clusterAnswers.countDown();
        try (PatroniPoll poll = threeMembers()) {
            poll.askEarly();
            await("the early /cluster request reaches the member")
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> asked.contains("/pg-0/cluster"));

            Reading<PatroniReading> first = poll.poll(Reading.pending(Source.PATRONI, Instant.now()));

            assertThat(asked)
                    .as("the early call is the first round's only request: no second /cluster to the same member")
                    .containsExactly("/pg-0/cluster");
            assertThat(first.reason()).isEmpty();
            assertThat(PatroniPoll.clusterOnly(first.current().orElseThrow())).isTrue();
            assertThat(first.current().orElseThrow().cluster().orElseThrow().members())
                    .hasSize(3);
        }
    }

    @Test
    void aPollStartedWhileTheEarlyCallIsOnItsWayWaitsForItInsteadOfAskingAgain() throws Exception {
        try (PatroniPoll poll = threeMembers()) {
            poll.askEarly();
            await("the early /cluster request is at the member, its answer held")
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> asked.contains("/pg-0/cluster"));
            CompletableFuture<Reading<PatroniReading>> first = new CompletableFuture<>();
            Thread polling = Thread.ofPlatform()
                    .start(() -> first.complete(poll.poll(Reading.pending(Source.PATRONI, Instant.now()))));
            await("the poll waits for an answer")
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> polling.getState() == Thread.State.TIMED_WAITING);

            clusterAnswers.countDown();

            Reading<PatroniReading> reading = first.get(10, TimeUnit.SECONDS);
            assertThat(asked)
                    .as("one /cluster request in the first round, the early one")
                    .containsExactly("/pg-0/cluster");
            assertThat(PatroniPoll.clusterOnly(reading.current().orElseThrow())).isTrue();
        }
    }

    @Test
    void theRoundAfterTheEarlyAnswerChecksTheMembersWithOneClusterRequestOfItsOwn() throws IOException {
        clusterAnswers.countDown();
        try (PatroniPoll poll = threeMembers()) {
            poll.askEarly();
            Reading<PatroniReading> first = poll.poll(Reading.pending(Source.PATRONI, Instant.now()));
            asked.clear();

            poll.poll(first);

            assertThat(asked)
                    .as("the early answer is used once: the next round asks its own")
                    .containsExactlyInAnyOrder("/pg-0/health", "/pg-1/health", "/pg-2/health", "/pg-0/cluster");
        }
    }
}
