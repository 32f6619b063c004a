package io.pgha.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgha.runtime.json.Json;
import io.pgha.runtime.usecase.PitrDrill;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What `pgha drill pitr` prints: a line for people, JSON whose counters say lost and after, and whether it passed. */
class PitrReportTest {

    private static PitrDrill.Result result(long lost, long after, boolean kept) {
        return new PitrDrill.Result(
                "shop",
                "shop-pitr",
                kept,
                Instant.parse("2026-12-06T04:44:31.956207Z"),
                "20261206-043556F",
                52,
                lost,
                after,
                1,
                53,
                Duration.ofMillis(27_240));
    }

    @Test
    void aPassedDrillSaysTheCountsAndTheRestoreTime() {
        String line = DrillReport.pitr(result(0, 0, false));
        assertThat(line)
                .contains("restored to T = 2026-12-06T04:44:31.956207Z into shop-pitr from backup 20261206-043556F")
                .contains("in 27.24 s")
                .contains("acknowledged before T 52, missing 0")
                .contains("sent after T and present 0")
                .endsWith("PASSED");
        assertThat(DrillReport.pitr(result(0, 0, true))).contains("shop-pitr kept: pgha down --name shop-pitr");
    }

    @Test
    void aRowLostOrOneTooManyFailsIt() {
        assertThat(result(1, 0, false).passed()).isFalse();
        assertThat(result(0, 1, false).passed()).isFalse();
        assertThat(DrillReport.pitr(result(0, 1, false))).contains("FAILED");
    }

    @Test
    void theJsonHasTheCountersByNameAndTheTimesReadable() throws Exception {
        JsonNode json = Json.mapper().readTree(Json.pretty().writeValueAsString(result(0, 0, false)));
        assertThat(json.path("lostBeforeTarget").asLong()).isZero();
        assertThat(json.path("presentAfterTarget").asLong()).isZero();
        assertThat(json.path("target").asText()).isEqualTo("2026-12-06T04:44:31.956207Z");
        assertThat(json.path("restore").asText()).isEqualTo("PT27.24S");
    }
}
