package io.pgha.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.pgha.runtime.model.Source;
import io.pgha.runtime.patroni.PatroniNode;
import io.pgha.runtime.patroni.PatroniProbe;
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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which requests a Patroni poll sends. Patroni closes its connection after every answer (HTTP/1.0), so over TLS each
 * request is a handshake: the rounds that check a member ask /health, which answers with the member's state too.
 */
class PatroniPollRequestsTest {

    /** As Patroni 4.0 answers /patroni and /health on a streaming replica. */
    static final String STATUS = "{\"state\": \"running\", \"role\": \"replica\", \"server_version\": 170012,"
            + " \"xlog\": {\"received_location\": 71883320, \"replayed_location\": 71883320, \"paused\": false},"
            + " \"timeline\": 2, \"replication_state\": \"streaming\","
            + " \"patroni\": {\"version\": \"4.0.7\", \"scope\": \"idle16\", \"name\": \"pg-1\"}}";

    private final List<String> asked = new CopyOnWriteArrayList<>();
    private HttpServer server;

    private PatroniPoll patroni(boolean healthHasBody) throws IOException {
        return patroni(healthHasBody, false);
    }

    private PatroniPoll patroni(boolean healthHasBody, boolean lightFirstRound) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            asked.add(path);
            byte[] body = path.equals("/patroni") || (path.equals("/health") && healthHasBody)
                    ? STATUS.getBytes(StandardCharsets.UTF_8)
                    : new byte[0];
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return new PatroniPoll(
                Map.of("pg-1", "http://127.0.0.1:" + server.getAddress().getPort()),
                Optional.empty(),
                Duration.ofSeconds(5),
                () -> false,
                Clock.systemUTC(),
                lightFirstRound);
    }

    /** Three members on one server (each its own base path), /cluster as Patroni 4.0 answers it; pg-0 never answers. */
    private PatroniPoll threeMembers(boolean firstSilent) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (firstSilent && path.startsWith("/pg-0/")) {
                exchange.close(); // refused at once, as a stopped member is
                return;
            }
            asked.add(path);
            byte[] body = path.endsWith("/cluster")
                    ? Fixtures.read("patroni/cluster-4.0.json").getBytes(StandardCharsets.UTF_8)
                    : path.endsWith("/health") ? STATUS.getBytes(StandardCharsets.UTF_8) : new byte[0];
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return threeMembersOn(server);
    }

    /** A light-start poll of pg-0, pg-1 and pg-2 served by {@code server}, each under its own base path. */
    static PatroniPoll threeMembersOn(HttpServer server) {
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        return new PatroniPoll(
                Map.of("pg-0", base + "pg-0", "pg-1", base + "pg-1", "pg-2", base + "pg-2"),
                Optional.empty(),
                Duration.ofSeconds(5),
                () -> true,
                Clock.systemUTC(),
                true);
    }

    @Test
    void aLightStartWithoutTheDcsAsksOneMembersClusterAloneThenChecksEveryMember() throws IOException {
        try (PatroniPoll poll = threeMembers(false)) {
            Reading<PatroniReading> first = poll.poll(Reading.pending(Source.PATRONI, Instant.now()));

            assertThat(asked).as("one request, one TLS handshake on a cold JVM").containsExactly("/pg-0/cluster");
            PatroniReading seen = first.current().orElseThrow();
            assertThat(first.reason()).isEmpty();
            assertThat(seen.cluster().orElseThrow().members()).hasSize(3);
            assertThat(PatroniPoll.clusterOnly(seen)).isTrue();
            assertThat(seen.nodes().values())
                    .as("every member waits to be checked: checking, not failed")
                    .allSatisfy(n -> {
                        assertThat(n.checksPending()).isTrue();
                        assertThat(n.error()).isEmpty();
                        assertThat(n.node()).isEmpty();
                    });

            asked.clear();
            Reading<PatroniReading> second = poll.poll(first);
            assertThat(asked)
                    .as("then the light round: each member's /health and one /cluster")
                    .containsExactlyInAnyOrder("/pg-0/health", "/pg-1/health", "/pg-2/health", "/pg-0/cluster");
            assertThat(PatroniPoll.clusterOnly(second.current().orElseThrow())).isFalse();
            assertThat(second.current().orElseThrow().node("pg-1").flatMap(PatroniReading.Node::node))
                    .map(PatroniNode::state)
                    .contains("running");
        }
    }

    @Test
    void aLightStartWhoseFirstMemberDoesNotAnswerChecksEveryMemberInTheSameRound() throws IOException {
        try (PatroniPoll poll = threeMembers(true)) {
            Reading<PatroniReading> first = poll.poll(Reading.pending(Source.PATRONI, Instant.now()));

            assertThat(asked)
                    .as("pg-0's /cluster failed: the members' /health, in the same round")
                    .contains("/pg-1/health", "/pg-2/health");
            assertThat(first.value().orElseThrow().node("pg-1").flatMap(PatroniReading.Node::node))
                    .map(PatroniNode::state)
                    .contains("running");
            assertThat(first.value().orElseThrow().node("pg-0").flatMap(PatroniReading.Node::error))
                    .isPresent();
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aLightFirstRoundAsksHealthAloneAndLeavesTheChecksForTheNextRound() throws IOException {
        try (PatroniPoll poll = patroni(true, true)) {
            Reading<PatroniReading> first = poll.poll(Reading.pending(Source.PATRONI, Instant.now()));

            assertThat(asked)
                    .as("one request (one TLS handshake on a cold JVM) per member in the first round")
                    .containsExactly("/health");
            PatroniReading.Node pg1 = first.current().orElseThrow().nodes().get("pg-1");
            assertThat(pg1.node().map(PatroniNode::state)).contains("running");
            assertThat(pg1.checksPending()).isTrue();
            assertThat(pg1.liveness()).isEmpty();
            assertThat(first.reason()).as("a check not asked yet is no failure").isEmpty();
        }
    }

    @Test
    void aRoundThatChecksTheMemberAsksHealthForItsStateInsteadOfPatroniToo() throws IOException {
        try (PatroniPoll poll = patroni(true, true)) {
            Reading<PatroniReading> first = poll.poll(Reading.pending(Source.PATRONI, Instant.now()));
            asked.clear();
            Reading<PatroniReading> second = poll.poll(first);

            assertThat(asked)
                    .as("three requests, where /patroni and /health were four")
                    .containsExactlyInAnyOrder("/health", "/liveness", "/readiness");
            PatroniReading.Node pg1 = second.current().orElseThrow().nodes().get("pg-1");
            assertThat(pg1.error()).isEmpty();
            assertThat(pg1.checksPending()).isFalse();
            assertThat(pg1.node().map(PatroniNode::state)).contains("running");
            assertThat(pg1.node().flatMap(PatroniNode::replicationState)).contains("streaming");
            assertThat(pg1.health().map(PatroniProbe::ok)).contains(true);
            assertThat(pg1.health().map(PatroniProbe::endpoint)).contains("/health");
            assertThat(pg1.liveness().map(PatroniProbe::ok)).contains(true);

            asked.clear();
            poll.poll(second);
            assertThat(asked)
                    .as("the next rounds ask the state alone, until the checks are due again")
                    .containsExactly("/patroni");
        }
    }

    @Test
    void aPatroniWhoseHealthSaysOnlyItsStatusCodeIsAskedForItsStateToo() throws IOException {
        try (PatroniPoll poll = patroni(false)) {
            Reading<PatroniReading> first = poll.poll(Reading.pending(Source.PATRONI, Instant.now()));

            assertThat(asked)
                    .as("a one-shot first round (pgha status) asks every check at once")
                    .containsExactlyInAnyOrder("/health", "/patroni", "/liveness", "/readiness");
            PatroniReading.Node pg1 = first.current().orElseThrow().nodes().get("pg-1");
            assertThat(pg1.node().map(PatroniNode::state)).contains("running");
            assertThat(pg1.health().map(PatroniProbe::ok)).contains(true);
        }
    }
}
