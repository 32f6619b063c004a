package io.pgha.runtime.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.backup.BackupActivity.Process;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whether a backup runs, from the lock, the members' processes and the previous answer (docs/decisions/0050). */
class BackupActivityTest {

    @ParameterizedTest(name = "lock held {0}, process {1}, was running {2}: running {3}")
    @CsvSource({
        "true,  PRESENT, false, true",
        "true,  ABSENT,  false, true",
        "true,  UNKNOWN, false, true",
        // the lock read free (its file rewritten as the backup writes progress, or held in a replica's container)
        "false, PRESENT, false, true",
        "false, PRESENT, true,  true",
        "false, ABSENT,  true,  false",
        "false, ABSENT,  false, false",
        // no evidence either way: no change of mind
        "false, UNKNOWN, true,  true",
        "false, UNKNOWN, false, false",
    })
    void runningIsTheLockOrAProcess(boolean lock, Process process, boolean was, boolean running) {
        assertThat(BackupActivity.running(lock, process, was)).isEqualTo(running);
    }
}
