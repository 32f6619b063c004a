package io.pgha.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgha.runtime.backup.ArchiveStatus;
import io.pgha.runtime.backup.BackupSummary;
import io.pgha.runtime.backup.RepositoryInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The backups part of `pgha status`: the health signal and the archiver's failures (docs/decisions/0027). */
class BackupsStatusTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @ParameterizedTest(name = "failed {0}, lag {1} -> healthy {2}")
    @CsvSource({"0, 328, true, ''", "5, 328, true, 5 failed archive_command attempts", "0, 100000000, false, ''"})
    void healthAndFailedAttempts(long failed, long lag, boolean healthy, String inText) {
        ArchiveStatus archive = new ArchiveStatus(
                "0/9000148",
                "000000010000000000000009",
                Optional.of("000000010000000000000008"),
                Optional.of(NOW.minusSeconds(5)),
                Optional.empty(),
                Optional.empty(),
                failed,
                OptionalLong.of(lag));
        RepositoryInfo none =
                new RepositoryInfo("s", RepositoryInfo.OK, "ok", true, List.of(), Optional.empty(), Optional.empty());
        BackupsStatus status = new BackupsStatus(
                Optional.of(BackupSummary.of(none, archive, NOW, Duration.ofDays(1))), Optional.empty());
        ObjectNode root = new ObjectMapper().createObjectNode();
        status.json(root);
        // a running first backup is a warning too ("no backup finished yet"): health counts every warning
        assertThat(root.path("backups").path("healthy").asBoolean()).isFalse();
        assertThat(root.path("backups").path("archive").path("failedCount").asLong())
                .isEqualTo(failed);
        assertThat(status.text()).contains(inText);
        assertThat(root.path("backups").path("warnings").toString().contains("archive is behind"))
                .isEqualTo(!healthy);
    }
}
