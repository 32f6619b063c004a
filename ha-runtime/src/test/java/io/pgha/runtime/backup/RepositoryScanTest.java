package io.pgha.runtime.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RepositoryScanTest {

    private static BackupRecord full(String stop) {
        Instant s = Instant.parse(stop);
        return new BackupRecord(
                "20261205-180000F",
                BackupType.FULL,
                s.minusSeconds(10),
                s,
                1,
                1,
                "000000010000000000000002",
                "000000010000000000000002",
                Optional.of("pg-0"),
                Optional.empty(),
                false);
    }

    private static RepositoryInfo info(BackupRecord... backups) {
        return new RepositoryInfo("rs19", 0, "ok", false, List.of(backups), Optional.empty(), Optional.empty());
    }

    @Test
    void theNewestCommitIsReadInUtcToTheMicrosecond() {
        assertThat(RepositoryScan.lastCommit("last commit: 2026-12-05 18:31:05.123456 UTC\n"))
                .contains(Instant.parse("2026-12-05T18:31:05.123456Z"));
        assertThat(RepositoryScan.lastCommit("last commit: 2026-12-05 18:31:05 UTC"))
                .contains(Instant.parse("2026-12-05T18:31:05Z"));
        assertThat(RepositoryScan.lastCommit("no commit\n")).isEmpty();
        assertThat(RepositoryScan.lastCommit("")).isEmpty();
    }

    @Test
    void theWindowEndsAtTheNewestCommitAndATimeAfterItIsRefused() {
        RecoverableWindow w = RepositoryScan.window(
                info(full("2026-12-05T18:00:00Z")), Optional.of(Instant.parse("2026-12-05T18:31:05.123456Z")));
        assertThat(w.end()).isEqualTo(Instant.parse("2026-12-05T18:31:05.123456Z"));
        assertThat(w.backupFor(
                        RestoreTarget.of(Optional.of(Instant.parse("2026-12-05T18:30:00Z")), false, Optional.empty())))
                .isPresent();
        assertThatThrownBy(() -> w.backupFor(
                        RestoreTarget.of(Optional.of(Instant.parse("2026-12-05T18:32:00Z")), false, Optional.empty())))
                .hasMessageContaining(
                        "outside the recoverable window 2026-12-05T18:00:01Z .. 2026-12-05T18:31:05.123456Z");
    }

    @Test
    void withoutACommitInTheNewestSegmentsTheWindowEndsAtTheNewestBackup() {
        RecoverableWindow w = RepositoryScan.window(info(full("2026-12-05T18:00:00Z")), Optional.empty());
        assertThat(w.end()).isEqualTo(Instant.parse("2026-12-05T18:00:00Z"));
        assertThat(w.backupFor(RestoreTarget.of(Optional.empty(), true, Optional.empty())))
                .isPresent();
    }

    @Test
    void theScanReadsTheNewestSegmentsFirstAndOnlySegments() {
        String script = RepositoryScan.lastCommitScript();
        assertThat(script)
                .contains("sort -r")
                .contains("head -n " + RepositoryScan.SEGMENTS)
                .contains("cd \"$2\"")
                .contains("lz4 -dc")
                .doesNotContain("archive-get")
                .doesNotContain("python3");
        assertThat(RepositoryScan.lastCommitCommand("rs19"))
                .endsWith("scan", "rs19", PgBackRestRestore.SOURCE_MOUNT, "");
        assertThat(RepositoryScan.infoCommand("rs19")).contains("--output=json", "info", "--stanza=rs19");
    }
}
