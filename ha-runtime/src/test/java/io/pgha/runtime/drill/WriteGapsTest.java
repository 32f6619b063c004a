package io.pgha.runtime.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.pgha.runtime.postgres.WriteLoad;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The write timeline a drill keeps for the console's chart. */
class WriteGapsTest {

    private static final long MS = 1_000_000L;

    private static WriteLoad.Ack ack(long id, long atMillis) {
        return new WriteLoad.Ack(id, atMillis * MS, "a");
    }

    @Test
    void keepsTheLongestWaitOfEachBucketWithItsFullLength() {
        long fault = 1_000 * MS;
        List<WriteLoad.Ack> acks =
                List.of(ack(1, 900), ack(2, 920), ack(3, 950), ack(4, 990), ack(5, 3_450), ack(6, 3_470));

        List<WriteGap> gaps = DrillRunner.writeGaps(acks, fault, Duration.ofMillis(100));

        assertThat(gaps)
                .containsExactly(
                        new WriteGap(Duration.ofMillis(-10), Duration.ofMillis(40)),
                        new WriteGap(Duration.ofMillis(2_450), Duration.ofMillis(2_460)));
        assertThat(gaps.stream().map(WriteGap::gap).max(Duration::compareTo))
                .contains(DrillRunner.longestGap(acks, fault));
    }

    @Test
    void staysSmallForAMinuteOfBusyWriters() {
        List<WriteLoad.Ack> acks = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            acks.add(ack(i, i * 10L));
        }

        List<WriteGap> gaps = DrillRunner.writeGaps(acks, 0, DrillRunner.GAP_BUCKET);

        assertThat(gaps).hasSize(600).allSatisfy(g -> assertThat(g.gap()).isEqualTo(Duration.ofMillis(10)));
    }

    @Test
    void noWritesNoTimeline() {
        assertThat(DrillRunner.writeGaps(List.of(), 0, DrillRunner.GAP_BUCKET)).isEmpty();
        assertThat(DrillRunner.writeGaps(List.of(ack(1, 5)), 0, DrillRunner.GAP_BUCKET))
                .isEmpty();
    }

    @Test
    void theTimelineIsNotPartOfTheJsonOfPghaDrill() throws Exception {
        DrillResult result = new DrillResult(
                DrillScenario.KILL_PRIMARY,
                Instant.EPOCH,
                "pg-0",
                Optional.of("pg-1"),
                Duration.ofSeconds(2),
                Optional.of(Duration.ofSeconds(1)),
                Optional.of(Duration.ofSeconds(2)),
                100,
                0,
                0,
                Optional.empty(),
                false,
                0,
                List.of(),
                List.of(new WriteGap(Duration.ZERO, Duration.ofMillis(12))));
        ObjectMapper cli = new ObjectMapper()
                .registerModule(new Jdk8Module())
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

        String json = cli.writeValueAsString(result);

        assertThat(json).contains("\"writeOutage\":\"PT2S\"", "\"notes\":[]").doesNotContain("writeGaps", "gap");
    }
}
