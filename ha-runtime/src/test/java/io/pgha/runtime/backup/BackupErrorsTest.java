package io.pgha.runtime.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.PghaException.Kind;
import io.pgha.runtime.docker.ExecResult;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackupErrorsTest {

    private static PghaException of(int code, String out) {
        return BackupErrors.translate("back up pg-ha", new ExecResult(code, out, ""));
    }

    @Test
    void aHeldLockIsAConflictThatSaysToWait() {
        PghaException e = of(50, "ERROR: [050]: unable to acquire lock on file '/tmp/pgbackrest/pg-ha-backup.lock'\n");
        assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
        assertThat(e.getMessage()).contains("pgBackRest error 50").contains("wait");
    }

    @Test
    void aHeldLockWithTheBackupHoldingItSaysABackupIsAlreadyRunningNotPgBackRestsError() {
        ExecResult r = new ExecResult(
                50,
                "",
                "ERROR: [050]: unable to acquire lock on file '/tmp/pgbackrest/bk19-backup.lock': Resource"
                        + " temporarily unavailable\n       HINT: is another pgBackRest process running?\n");
        RunningBackup running = new RunningBackup(
                BackupType.DIFF, Instant.parse("2026-12-05T18:40:01.250Z"), Optional.of("pg-1"), false);
        assertThat(BackupErrors.lockHeld(r)).isTrue();
        PghaException e = BackupErrors.translate("take a full backup on bk19-pg-1", r, Optional.of(running));
        assertThat(e.kind()).isEqualTo(Kind.CONFLICT);
        assertThat(e.getMessage())
                .contains("a diff backup is already running on pg-1, since 2026-12-05T18:40:01Z")
                .contains("Wait for it to end: pgha backup list shows it")
                .doesNotContain("pgBackRest error")
                .doesNotContain("HINT");
    }

    @Test
    void otherFailuresAreNotALockEvenWithARunningBackup() {
        ExecResult r = new ExecResult(82, "ERROR: [082]: WAL segment 000000010000000000000003 was not archived\n", "");
        RunningBackup running = new RunningBackup(BackupType.FULL, Instant.EPOCH, Optional.empty(), false);
        assertThat(BackupErrors.lockHeld(r)).isFalse();
        assertThat(BackupErrors.translate("back up", r, Optional.of(running)).getMessage())
                .contains("pgBackRest error 82");
        assertThat(BackupErrors.lockHeld(new ExecResult(0, "", ""))).isFalse();
    }

    @Test
    void aHeldLockWithoutABackupProcessSaysAnotherCommandHoldsIt() {
        ExecResult r = new ExecResult(50, "ERROR: [050]: unable to acquire lock on file 'x'\n", "");
        assertThat(BackupErrors.translate("back up", r, Optional.empty()).getMessage())
                .contains("Another pgBackRest command (a backup, or an expire) holds the stanza's lock");
    }

    @Test
    void aMissingStanzaSaysToRunUpAgain() {
        PghaException e = of(
                55,
                "WARN: something\nERROR: [055]: unable to load info file '/home/postgres/backups/"
                        + "backup/pg-ha/backup.info' or '.copy':\n");
        assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(e.getMessage()).contains("pgha up");
    }

    @Test
    void anArchiveTimeoutPointsAtTheCheck() {
        PghaException e = of(
                82,
                "ERROR: [082]: WAL segment 000000010000000000000003 was not archived before the "
                        + "60000ms timeout\n");
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("000000010000000000000003").contains("pgha backup check");
    }

    @Test
    void noPgBackRestInTheImageSaysWhichImagesHaveIt() {
        PghaException e = BackupErrors.translate(
                "back up pg-ha", new ExecResult(127, "", "runuser: failed to execute pgbackrest: No such file"));
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.getMessage()).contains("--images local");
    }

    @Test
    void aFullVolumeSaysSo() {
        PghaException e =
                of(41, "ERROR: [041]: unable to write '/home/postgres/backups/x': [28] No space left on device\n");
        assertThat(e.getMessage()).contains("volume is full");
    }

    @Test
    void anUnknownFailureKeepsItsLastLine() {
        PghaException e = BackupErrors.translate("back up pg-ha", new ExecResult(1, "", "first\nsh: boom\n"));
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.getMessage()).endsWith("sh: boom");
    }
}
