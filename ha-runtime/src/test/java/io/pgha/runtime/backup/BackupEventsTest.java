package io.pgha.runtime.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.model.ClusterEvent;
import io.pgha.runtime.model.ClusterEvent.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackupEventsTest {

    private static final Instant AT = Instant.parse("2026-12-05T19:00:00Z");

    private static BackupRecord backup(String label, BackupType type, String start, String stop, boolean error) {
        return new BackupRecord(
                label,
                type,
                Instant.parse(start),
                Instant.parse(stop),
                100,
                50,
                "000000010000000000000002",
                "000000010000000000000003",
                Optional.of("pg-0"),
                Optional.empty(),
                error);
    }

    private static final BackupRecord FULL =
            backup("20261205-180000F", BackupType.FULL, "2026-12-05T18:00:00Z", "2026-12-05T18:00:12Z", false);
    private static final BackupRecord DIFF = backup(
            "20261205-180000F_20261205-185900D",
            BackupType.DIFF,
            "2026-12-05T18:59:00Z",
            "2026-12-05T18:59:03Z",
            false);

    private static RepositoryInfo repo(boolean running, BackupRecord... backups) {
        return new RepositoryInfo("bk19", 0, "ok", running, List.of(backups), Optional.empty(), Optional.empty());
    }

    private static List<Kind> kinds(List<ClusterEvent> events) {
        return events.stream().map(ClusterEvent::kind).toList();
    }

    @Test
    void aFirstReadingIsTheBaseline() {
        assertThat(BackupEvents.derive(Optional.empty(), repo(true, FULL), AT)).isEmpty();
    }

    @Test
    void nothingChangedSaysNothing() {
        assertThat(BackupEvents.derive(Optional.of(repo(false, FULL)), repo(false, FULL), AT))
                .isEmpty();
        assertThat(BackupEvents.derive(Optional.of(repo(true, FULL)), repo(true, FULL), AT))
                .isEmpty();
    }

    @Test
    void aBackupSeenRunningThenInTheListStartedThenFinished() {
        List<ClusterEvent> started = BackupEvents.derive(Optional.of(repo(false, FULL)), repo(true, FULL), AT);
        assertThat(kinds(started)).containsExactly(Kind.BACKUP_STARTED);
        assertThat(started.getFirst().at()).isEqualTo(AT);
        List<ClusterEvent> finished =
                BackupEvents.derive(Optional.of(repo(true, FULL)), repo(false, FULL, DIFF), AT.plusSeconds(30));
        assertThat(kinds(finished)).containsExactly(Kind.BACKUP_FINISHED);
        ClusterEvent e = finished.getFirst();
        assertThat(e.at()).as("dated at its stop").isEqualTo(DIFF.stop());
        assertThat(e.message()).contains("diff backup " + DIFF.label() + " finished on pg-0 in 3 s");
        assertThat(e.details()).containsEntry("id", DIFF.label()).containsEntry("type", "diff");
        assertThat(e.subject()).isEqualTo("backups");
    }

    @Test
    void aBackupThatBeganAndEndedBetweenTwoReadingsStartedAndFinishedAtItsOwnTimes() {
        List<ClusterEvent> events = BackupEvents.derive(Optional.of(repo(false, FULL)), repo(false, FULL, DIFF), AT);
        assertThat(kinds(events)).containsExactly(Kind.BACKUP_STARTED, Kind.BACKUP_FINISHED);
        assertThat(events.get(0).at()).isEqualTo(DIFF.start());
        assertThat(events.get(1).at()).isEqualTo(DIFF.stop());
    }

    @Test
    void aLockGoneWithNoNewBackupIsAFailedBackup() {
        List<ClusterEvent> events = BackupEvents.derive(Optional.of(repo(true, FULL)), repo(false, FULL), AT);
        assertThat(kinds(events)).containsExactly(Kind.BACKUP_FAILED);
        assertThat(events.getFirst().severity()).isEqualTo(ClusterEvent.Severity.WARNING);
        assertThat(events.getFirst().message()).contains("ended without adding a backup");
    }

    @Test
    void aBackupWithErrorsIsAFailedBackup() {
        BackupRecord bad = backup(
                "20261205-180000F_20261205-185900I",
                BackupType.INCR,
                "2026-12-05T18:59:00Z",
                "2026-12-05T18:59:03Z",
                true);
        assertThat(kinds(BackupEvents.derive(Optional.of(repo(true, FULL)), repo(false, FULL, bad), AT)))
                .containsExactly(Kind.BACKUP_FAILED);
    }

    @Test
    void expiredBackupsLeavingTheListSayNothing() {
        assertThat(BackupEvents.derive(Optional.of(repo(false, FULL, DIFF)), repo(false, DIFF), AT))
                .isEmpty();
    }
}
