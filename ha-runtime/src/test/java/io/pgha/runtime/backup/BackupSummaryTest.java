package io.pgha.runtime.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** What `pgha status` says of the backups: the window from the repository and the archiver, and the warnings. */
class BackupSummaryTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);

    private static BackupRecord backup(String label, Instant stop) {
        return new BackupRecord(
                label,
                BackupType.FULL,
                stop.minusSeconds(10),
                stop,
                30 << 20,
                4 << 20,
                "000000010000000000000002",
                "000000010000000000000002",
                Optional.of("pg-0"),
                Optional.empty(),
                false);
    }

    private static RepositoryInfo info(BackupRecord... backups) {
        return new RepositoryInfo(
                "r19",
                backups.length == 0 ? RepositoryInfo.NO_BACKUPS : RepositoryInfo.OK,
                "ok",
                false,
                List.of(backups),
                Optional.of("000000010000000000000001"),
                Optional.of("000000010000000000000009"));
    }

    private static ArchiveStatus archive(Instant archivedAt, Optional<Instant> failedAt) {
        return new ArchiveStatus(
                "0/9000148",
                "000000010000000000000009",
                Optional.of("000000010000000000000008"),
                Optional.of(archivedAt),
                failedAt.map(f -> "000000010000000000000009"),
                failedAt,
                failedAt.isPresent() ? 3 : 0,
                OptionalLong.of(328));
    }

    @Test
    void theWindowRunsFromTheOldestBackupToTheLastArchivedSegmentAndAllIsWell() {
        BackupSummary s = BackupSummary.of(
                info(backup("A", NOW.minusSeconds(7200)), backup("B", NOW.minusSeconds(600))),
                archive(NOW.minusSeconds(5), Optional.empty()),
                NOW,
                DAY);
        assertThat(s.window().orElseThrow().start()).contains(NOW.minusSeconds(7199));
        assertThat(s.window().orElseThrow().end()).isEqualTo(NOW.minusSeconds(5));
        assertThat(s.lastBackup().orElseThrow().label()).isEqualTo("B");
        assertThat(s.warnings()).isEmpty();
    }

    @Test
    void aFailingArchiveAndALateBackupAreWarnings() {
        BackupSummary s = BackupSummary.of(
                info(backup("A", NOW.minus(Duration.ofHours(30)))),
                archive(NOW.minusSeconds(300), Optional.of(NOW.minusSeconds(2))),
                NOW,
                DAY);
        assertThat(s.warnings()).hasSize(2);
        assertThat(s.warnings().get(0)).contains("archive is failing").contains("3 failures");
        assertThat(s.warnings().get(1))
                .contains("last backup A ended 1 d 6 h ago")
                .contains("schedule allows (1 d 0 h)");
    }

    @Test
    void noBackupMeansNoWindowAndAWarning() {
        BackupSummary s = BackupSummary.of(info(), archive(NOW, Optional.empty()), NOW, DAY);
        assertThat(s.window()).isEmpty();
        assertThat(s.warnings()).singleElement().asString().contains("no backup");
    }

    @Test
    void anArchiveFarBehindThePrimaryIsAWarning() {
        ArchiveStatus behind = new ArchiveStatus(
                "0/F000148",
                "00000001000000000000000F",
                Optional.of("000000010000000000000008"),
                Optional.of(NOW.minusSeconds(600)),
                Optional.empty(),
                Optional.empty(),
                0,
                OptionalLong.of(
                        ArchiveLag.bytes("0/F000148", "00000001000000000000000F", "000000010000000000000008", 16 << 20)
                                .getAsLong()));
        BackupSummary s = BackupSummary.of(info(backup("A", NOW.minusSeconds(600))), behind, NOW, DAY);
        assertThat(s.healthy()).isFalse();
        assertThat(s.warnings())
                .singleElement()
                .asString()
                .contains("archive is behind: 96 MiB")
                .contains("10 min ago");
        assertThat(BackupSummary.of(info(backup("A", NOW.minusSeconds(600))), archive(NOW, Optional.empty()), NOW, DAY)
                        .healthy())
                .isTrue();
    }
}
