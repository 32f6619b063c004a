package io.pgha.runtime.backup;

import static io.pgha.runtime.backup.WalContinuityTest.archive;
import static io.pgha.runtime.backup.WalContinuityTest.seg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The window over an archive with a hole (docs/decisions/0050): where it ends, what is refused, what status says. */
class RecoverableWindowGapTest {

    private static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");
    private static final Instant NOW = WalContinuityTest.NOW;

    private static BackupRecord backup(String label, int stopMinute, String walStart, String walStop) {
        return new BackupRecord(
                label,
                BackupType.FULL,
                T0.plusSeconds(stopMinute * 60L - 30),
                T0.plusSeconds(stopMinute * 60L),
                1,
                1,
                walStart,
                walStop,
                Optional.of("pg-0"),
                Optional.empty(),
                false);
    }

    private static final BackupRecord F1 = backup("20261205-080930F", 10, seg(1, 2), seg(1, 3));
    private static final BackupRecord F2 = backup("20261205-085930F", 60, seg(1, 0x0C), seg(1, 0x0C));
    private static final Instant ARCHIVE_END = T0.plusSeconds(3 * 3600);
    private static final Instant LAST_COMMIT_BEFORE_HOLE = T0.plusSeconds(30 * 60);

    @Test
    void aHoleAfterTheNewestBackupEndsTheWindowAtTheLastCommitBeforeIt() {
        WalContinuity c = WalContinuity.of(List.of(F1), archive("1:1-8", "1:0B-20"), NOW);
        RecoverableWindow w = RecoverableWindow.of(ARCHIVE_END, c, Optional.of(LAST_COMMIT_BEFORE_HOLE));

        assertThat(w.end()).isEqualTo(LAST_COMMIT_BEFORE_HOLE);
        assertThat(w.backupFor(new RestoreTarget.AtTime(T0.plusSeconds(20 * 60))))
                .contains(F1);
        Instant afterTheHole = T0.plusSeconds(2 * 3600);
        assertThatThrownBy(() -> w.backupFor(new RestoreTarget.AtTime(afterTheHole)))
                .isInstanceOfSatisfying(
                        PghaException.class, e -> assertThat(e.kind()).isEqualTo(PghaException.Kind.INVALID_INPUT))
                .hasMessageContaining("outside the recoverable window 2026-12-05T08:10:01Z .. 2026-12-05T08:30:00Z")
                .hasMessageContaining("the WAL archive misses " + seg(1, 9))
                .hasMessageContaining("pgha backup now");
    }

    @Test
    void withoutACommitFoundBeforeTheHoleItEndsJustAfterTheNewestBackup() {
        WalContinuity c = WalContinuity.of(List.of(F1), archive("1:1-8", "1:0B-20"), NOW);

        assertThat(RecoverableWindow.of(ARCHIVE_END, c, Optional.empty()).end())
                .isEqualTo(F1.stop().plusSeconds(1));
    }

    @Test
    void aHoleBeforeTheNewestBackupStartsTheWindowAfterIt() {
        WalContinuity c = WalContinuity.of(List.of(F1, F2), archive("1:1-4", "1:6-20"), NOW);
        RecoverableWindow w = RecoverableWindow.of(ARCHIVE_END, c, Optional.empty());

        assertThat(w.start()).contains(F2.stop().plusSeconds(1));
        assertThat(w.end()).isEqualTo(ARCHIVE_END);
        assertThat(c.earlier()).extracting(WalContinuity.Gap::firstMissing).containsExactly(seg(1, 5));
        assertThatThrownBy(() -> w.backupFor(new RestoreTarget.AtTime(T0.plusSeconds(20 * 60))))
                .hasMessageContaining("outside the recoverable window");
    }

    @Test
    void noBackupWithItsOwnWalSaysWhatIsMissing() {
        WalContinuity c = WalContinuity.of(List.of(F1), archive("1:1-2", "1:4-20"), NOW);

        assertThatThrownBy(() ->
                        RecoverableWindow.of(ARCHIVE_END, c, Optional.empty()).backupFor(new RestoreTarget.Latest()))
                .hasMessageContaining("no backup in the repository has its WAL unbroken")
                .hasMessageContaining("pgha backup now");
    }

    @Test
    void statusWarnsOfTheHoleAndShowsTheShorterWindow() {
        RepositoryInfo info = new RepositoryInfo(
                "s", RepositoryInfo.OK, "ok", false, List.of(F1), Optional.empty(), Optional.empty());
        ArchiveStatus archive = new ArchiveStatus(
                "0/20000000",
                seg(1, 0x20),
                Optional.of(seg(1, 0x1F)),
                Optional.of(ARCHIVE_END),
                Optional.empty(),
                Optional.empty(),
                0,
                OptionalLong.of(0));
        WalContinuity c = WalContinuity.of(List.of(F1), archive("1:1-8", "1:0B-20"), NOW);

        BackupSummary s = BackupSummary.of(
                info, archive, Optional.of(c), Optional.of(LAST_COMMIT_BEFORE_HOLE), ARCHIVE_END, Duration.ofDays(30));

        assertThat(s.window()).get().extracting(RecoverableWindow::end).isEqualTo(LAST_COMMIT_BEFORE_HOLE);
        assertThat(s.healthy()).isFalse();
        assertThat(s.warnings())
                .singleElement()
                .asString()
                .contains("misses " + seg(1, 9))
                .contains("take a full backup");
        // the same archive without a hole: no warning, the archive's end
        WalContinuity whole = WalContinuity.of(List.of(F1), archive("1:1-20"), NOW);
        BackupSummary ok =
                BackupSummary.of(info, archive, Optional.of(whole), Optional.empty(), ARCHIVE_END, Duration.ofDays(30));
        assertThat(ok.healthy()).isTrue();
        assertThat(ok.window()).get().extracting(RecoverableWindow::end).isEqualTo(ARCHIVE_END);
    }
}
