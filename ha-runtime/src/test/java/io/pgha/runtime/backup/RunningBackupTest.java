package io.pgha.runtime.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunningBackupTest {

    @Test
    void theOldestBackupProcessWithItsTypeMemberAndStart() {
        String ps = """
                812 1765000000 --stanza=bk19 --type=diff --annotation=pgha-member=pg-0 backup
                377 1764999990 --stanza=bk19 --backup-standby --type=full --annotation=pgha-member=pg-1 backup
                """;
        assertThat(RunningBackup.parse(ps))
                .contains(new RunningBackup(
                        BackupType.FULL, Instant.ofEpochSecond(1764999990), Optional.of("pg-1"), true));
    }

    @Test
    void withoutTypeOrAnnotationItIsPgBackRestsDefaultIncrementalOfAnUnknownMember() {
        assertThat(RunningBackup.parse("9 1765000000 --stanza=bk19 backup\n"))
                .contains(
                        new RunningBackup(BackupType.INCR, Instant.ofEpochSecond(1765000000), Optional.empty(), false));
    }

    @Test
    void nothingRunningOrNoiseIsEmpty() {
        assertThat(RunningBackup.parse("")).isEmpty();
        assertThat(RunningBackup.parse("Traceback (most recent call last):\n")).isEmpty();
    }
}
