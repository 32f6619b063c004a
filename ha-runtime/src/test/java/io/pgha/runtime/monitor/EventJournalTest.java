package io.pgha.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.model.ClusterEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventJournalTest {

    @TempDir
    Path dir;

    private static ClusterEvent event(int i) {
        return new ClusterEvent(
                Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i),
                ClusterEvent.Kind.MEMBER_JOINED,
                ClusterEvent.Severity.INFO,
                "pg-" + i,
                "pg-" + i + " joined",
                Map.of("state", "streaming"));
    }

    @Test
    void eventsSurviveAReopenNewestFirst() {
        try (EventJournal j = new EventJournal(dir)) {
            assertThat(j.append(List.of(event(1), event(2)))).isTrue();
        }
        try (EventJournal j = new EventJournal(dir)) {
            j.append(List.of(event(3)));
            assertThat(j.recent(10)).containsExactly(event(3), event(2), event(1));
            assertThat(j.recent(2)).containsExactly(event(3), event(2));
        }
    }

    @Test
    void onlyOneJournalWritesWhileTheOtherReads() {
        try (EventJournal writer = new EventJournal(dir);
                EventJournal reader = new EventJournal(dir)) {
            assertThat(writer.append(List.of(event(1)))).isTrue();
            assertThat(reader.append(List.of(event(1))))
                    .as("the same events from a second monitor are not written twice")
                    .isFalse();
            assertThat(reader.recent(10)).containsExactly(event(1));
            writer.close();
            assertThat(reader.append(List.of(event(2))))
                    .as("the reader takes over once the writer is gone")
                    .isTrue();
        }
    }

    @Test
    void aLineCutShortByACrashIsSkipped() throws IOException {
        try (EventJournal j = new EventJournal(dir)) {
            j.append(List.of(event(1)));
            Files.writeString(j.file(), "{\"at\":\"2026-", java.nio.file.StandardOpenOption.APPEND);
            assertThat(j.recent(10)).containsExactly(event(1));
        }
    }

    @Test
    void aFullFileIsRotatedAndStillRead() throws IOException {
        try (EventJournal j = new EventJournal(dir)) {
            j.append(List.of(event(1)));
            Files.writeString(
                    j.file(), "\n".repeat((int) EventJournal.MAX_BYTES + 1), java.nio.file.StandardOpenOption.APPEND);
            j.append(List.of(event(2)));
            assertThat(Files.exists(dir.resolve(EventJournal.OLD_FILE))).isTrue();
            assertThat(j.recent(10)).containsExactly(event(2), event(1));
        }
    }
}
