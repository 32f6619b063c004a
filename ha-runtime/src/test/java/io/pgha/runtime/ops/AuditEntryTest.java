package io.pgha.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.model.ClusterEvent;
import io.pgha.runtime.ops.OperationResult.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditEntryTest {

    @Test
    void anOperationsEventIsDatedWhenItEndedSoItSortsAfterTheEventsItCaused() {
        Instant started = Instant.parse("2025-05-01T10:00:00Z");
        AuditEntry entry = new AuditEntry(
                started,
                "dba",
                "pg-ha",
                "switchover",
                "pg-1",
                Map.of("candidate", "pg-1"),
                Outcome.SUCCEEDED,
                "pg-1 is the leader now (timeline 4)",
                List.of(),
                2400);

        ClusterEvent event = entry.toEvent();

        assertThat(event.at()).isEqualTo(Instant.parse("2025-05-01T10:00:02.400Z"));
        assertThat(event.details())
                .containsEntry("startedAt", "2025-05-01T10:00:00Z")
                .containsEntry("tookMs", "2400");
    }
}
