package io.pgha.runtime.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgha.runtime.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a host drill must show (issue 20), as a table over its result; and the JSON keys pgha drill --json prints. */
class HostDrillVerdictTest {

    /** A passing run, changed one field at a time by the rows. */
    private record R(
            HostDrillScenario scenario,
            Optional<String> newLeaderHost,
            Optional<Duration> newLeaderAfter,
            Optional<Duration> refusedAfter,
            long lost,
            long split,
            boolean writableAgain,
            Optional<Duration> healed) {

        static R passing(HostDrillScenario s) {
            return new R(
                    s,
                    Optional.of("h2"),
                    Optional.of(Duration.ofSeconds(24)),
                    s == HostDrillScenario.HOST_PARTITION ? Optional.of(Duration.ofSeconds(8)) : Optional.empty(),
                    0,
                    0,
                    false,
                    Optional.of(Duration.ofSeconds(70)));
        }

        HostDrillResult result() {
            return new HostDrillResult(
                    scenario,
                    Instant.EPOCH,
                    "h1",
                    "pg-0",
                    "h2",
                    newLeaderHost.map(h -> "pg-" + (h.charAt(1) - '1')),
                    newLeaderHost,
                    Duration.ofSeconds(22),
                    newLeaderAfter,
                    refusedAfter,
                    1000,
                    lost,
                    split,
                    writableAgain,
                    healed,
                    healed.map(d -> d.minusSeconds(25)),
                    List.of());
        }
    }

    static Stream<Arguments> rows() {
        HostDrillScenario down = HostDrillScenario.HOST_DOWN;
        HostDrillScenario cut = HostDrillScenario.HOST_PARTITION;
        return Stream.of(
                row(down, r -> r, null),
                row(cut, r -> r, null),
                row(down, r -> with(r, 3, r.split()), "3 acknowledged writes lost"),
                row(down, r -> with(r, 0, 2), "2 split-brain overlaps"),
                row(down, r -> newLeader(r, Optional.empty()), "no new leader"),
                row(down, r -> newLeader(r, Optional.of("h1")), "the leader is on the faulted host h1 again"),
                row(
                        down,
                        r -> new R(
                                r.scenario(),
                                r.newLeaderHost(),
                                Optional.empty(),
                                r.refusedAfter(),
                                0,
                                0,
                                false,
                                r.healed()),
                        "no node on another host was seen accepting writes"),
                row(
                        down,
                        r -> new R(
                                r.scenario(),
                                r.newLeaderHost(),
                                r.newLeaderAfter(),
                                r.refusedAfter(),
                                0,
                                0,
                                true,
                                r.healed()),
                        "the old primary pg-0 accepted writes again"),
                row(
                        down,
                        r -> new R(
                                r.scenario(),
                                r.newLeaderHost(),
                                r.newLeaderAfter(),
                                r.refusedAfter(),
                                0,
                                0,
                                false,
                                Optional.empty()),
                        "pg-0 did not stream again after the heal"),
                row(
                        cut,
                        r -> new R(
                                r.scenario(),
                                r.newLeaderHost(),
                                r.newLeaderAfter(),
                                Optional.empty(),
                                0,
                                0,
                                false,
                                r.healed()),
                        "the isolated primary pg-0 was never seen refusing writes"),
                row(
                        cut,
                        r -> new R(
                                r.scenario(),
                                r.newLeaderHost(),
                                r.newLeaderAfter(),
                                Optional.of(Duration.ofSeconds(30)),
                                0,
                                0,
                                false,
                                r.healed()),
                        "the isolated primary pg-0 still accepted writes when another node did"));
    }

    private static Arguments row(HostDrillScenario s, UnaryOperator<R> change, String failure) {
        return Arguments.of(s, change.apply(R.passing(s)), failure);
    }

    private static R with(R r, long lost, long split) {
        return new R(
                r.scenario(),
                r.newLeaderHost(),
                r.newLeaderAfter(),
                r.refusedAfter(),
                lost,
                split,
                r.writableAgain(),
                r.healed());
    }

    private static R newLeader(R r, Optional<String> host) {
        return new R(
                r.scenario(),
                host,
                r.newLeaderAfter(),
                r.refusedAfter(),
                r.lost(),
                r.split(),
                r.writableAgain(),
                r.healed());
    }

    @ParameterizedTest
    @MethodSource("rows")
    void eachFailureIsNamed(HostDrillScenario scenario, R row, String failure) {
        HostDrillResult r = row.result();
        if (failure == null) {
            assertThat(r.failures()).isEmpty();
            assertThat(r.passed()).isTrue();
        } else {
            assertThat(r.failures()).singleElement().asString().contains(failure);
            assertThat(r.passed()).isFalse();
        }
    }

    @Test
    void theJsonNamesLostAndSplitAndTheVerdict() throws Exception {
        HostDrillResult r = with(R.passing(HostDrillScenario.HOST_DOWN), 2, 1).result();
        JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsString(r));
        assertThat(json.path("lostWrites").asLong()).isEqualTo(2);
        assertThat(json.path("splitBrainSamples").asLong()).isEqualTo(1);
        assertThat(json.path("host").asText()).isEqualTo("h1");
        assertThat(json.path("newLeaderHost").asText()).isEqualTo("h2");
        assertThat(json.path("passed").asBoolean()).isFalse();
        assertThat(json.path("failures")).hasSize(2);
        assertThat(json.path("oldLeaderRefusedAfter").isNull()).isTrue();
    }
}
