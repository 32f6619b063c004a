package io.pgha.runtime.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.PghaException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which backup a restore starts from, and the targets refused with the window in the message. */
class RecoverableWindowTest {

    private static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");

    private static BackupRecord backup(String label, BackupType type, int startMinute, int stopMinute) {
        return new BackupRecord(
                label,
                type,
                T0.plusSeconds(startMinute * 60L),
                T0.plusSeconds(stopMinute * 60L),
                1,
                1,
                "000000010000000000000002",
                "000000010000000000000003",
                Optional.of("pg-0"),
                Optional.empty(),
                false);
    }

    private final RecoverableWindow window = new RecoverableWindow(
            List.of(
                    backup("20261205-081000F_20261205-083000I", BackupType.INCR, 30, 31),
                    backup("20261205-081000F", BackupType.FULL, 10, 12)),
            T0.plusSeconds(3600));

    @Test
    void theWindowRunsFromJustAfterTheOldestBackupToTheArchivesEnd() {
        assertThat(window.start()).contains(T0.plusSeconds(12 * 60 + 1));
        assertThat(window.describe()).isEqualTo("2026-12-05T08:12:01Z .. 2026-12-05T09:00:00Z");
    }

    @Test
    void aTimeStartsFromTheLatestBackupThatEndedBeforeIt() {
        assertThat(window.backupFor(new RestoreTarget.AtTime(T0.plusSeconds(20 * 60))))
                .get()
                .extracting(BackupRecord::label)
                .isEqualTo("20261205-081000F");
        assertThat(window.backupFor(new RestoreTarget.AtTime(T0.plusSeconds(40 * 60))))
                .get()
                .extracting(BackupRecord::label)
                .isEqualTo("20261205-081000F_20261205-083000I");
        assertThat(window.backupFor(new RestoreTarget.Latest()))
                .get()
                .extracting(BackupRecord::label)
                .isEqualTo("20261205-081000F_20261205-083000I");
    }

    @Test
    void aTimeBeforeTheFirstBackupOrAfterTheArchiveIsRefusedWithTheWindow() {
        for (Instant outside : List.of(T0, T0.plusSeconds(12 * 60), T0.plusSeconds(3601))) {
            assertThatThrownBy(() -> window.backupFor(new RestoreTarget.AtTime(outside)))
                    .isInstanceOfSatisfying(
                            PghaException.class, e -> assertThat(e.kind()).isEqualTo(PghaException.Kind.INVALID_INPUT))
                    .hasMessageContaining("cannot restore to " + outside)
                    .hasMessageContaining(
                            "outside the recoverable window 2026-12-05T08:12:01Z .. 2026-12-05T09:00:00Z");
        }
    }

    @Test
    void anUnknownBackupIsNotFoundAndAnEmptyRepositoryHasNoWindow() {
        assertThatThrownBy(() -> window.backupFor(new RestoreTarget.OfBackup("20261205-070000F")))
                .hasMessageContaining("no backup 20261205-070000F")
                .hasMessageContaining("20261205-081000F");
        assertThatThrownBy(() -> new RecoverableWindow(List.of(), T0).backupFor(new RestoreTarget.Latest()))
                .hasMessageContaining("no backup to restore from yet");
    }

    @Test
    void eachTargetIsPgBackRestsOwnRestoreType() {
        assertThat(new RestoreTarget.AtTime(Instant.parse("2026-12-04T20:01:02.345678Z")).arguments("S"))
                .containsExactly(
                        "--set=S", "--type=time", "--target=2026-12-04 20:01:02.345678+00", "--target-action=promote");
        assertThat(new RestoreTarget.Latest().arguments("S")).containsExactly("--set=S", "--type=default");
        assertThat(new RestoreTarget.OfBackup("20261205-081000F").arguments("S"))
                .contains("--type=immediate");
        assertThatThrownBy(() -> new RestoreTarget.OfBackup("yesterday")).hasMessageContaining("not a backup id");
    }

    @Test
    void exactlyOneTargetIsGiven() {
        assertThatThrownBy(() -> RestoreTarget.of(Optional.empty(), false, Optional.empty()))
                .hasMessageContaining("exactly one of --to TIME, --latest or --backup ID");
        assertThatThrownBy(() -> RestoreTarget.of(Optional.of(T0), true, Optional.empty()))
                .hasMessageContaining("exactly one");
        assertThat(RestoreTarget.of(Optional.of(T0), false, Optional.empty())).isEqualTo(new RestoreTarget.AtTime(T0));
    }

    @Test
    void theRestoreReadsTheSourceRepositoryByCommandLineOptionsOnly() {
        PgBackRestRestore r = new PgBackRestRestore("pg-ha", "20261205-081000F", new RestoreTarget.Latest());
        assertThat(r.restoreCommand())
                .startsWith("pgbackrest", "--stanza=pg-ha", "--repo1-path=" + PgBackRestRestore.SOURCE_MOUNT)
                .contains("--pg1-path=" + PgBackRestRestore.PGDATA, "--set=20261205-081000F")
                .endsWith("restore");
        assertThat(PgBackRestRestore.recoveryScript("postgres", 60))
                .contains("archive_mode=off")
                .contains("ssl=off")
                .contains("pg_is_in_recovery()");
        assertThat(PgBackRestRestore.stopScript()).contains("patroni.dynamic.json");
    }
}
