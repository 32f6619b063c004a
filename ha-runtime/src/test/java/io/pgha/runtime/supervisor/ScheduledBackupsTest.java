package io.pgha.runtime.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgha.runtime.backup.BackupActivity;
import io.pgha.runtime.backup.BackupRecord;
import io.pgha.runtime.backup.BackupType;
import io.pgha.runtime.backup.RepositoryInfo;
import io.pgha.runtime.backup.ScheduledBackup;
import io.pgha.runtime.stack.BackupSchedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The supervisor's backup tick against a fake port: what it reads, what it runs, and that a failure frees it. */
class ScheduledBackupsTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final BackupSchedule SCHEDULE = new BackupSchedule(Duration.ofMinutes(10), Duration.ofMinutes(5));

    private final List<String> ran = new ArrayList<>();
    private final List<BackupRecord> backups = new ArrayList<>();
    private RuntimeException failure;
    private BackupActivity.Process process = BackupActivity.Process.ABSENT;

    private final BackupPort port = new BackupPort() {
        @Override
        public RepositoryInfo repository() {
            return new RepositoryInfo("s", RepositoryInfo.OK, "ok", false, backups, Optional.empty(), Optional.empty());
        }

        @Override
        public BackupActivity.Process backupProcess() {
            return process;
        }

        @Override
        public List<ScheduledBackup.Node> members() {
            return List.of(
                    new ScheduledBackup.Node("pg-0", "leader", true, OptionalLong.of(0)),
                    new ScheduledBackup.Node("pg-1", "replica", true, OptionalLong.of(10)));
        }

        @Override
        public boolean switchoverScheduled() {
            return false;
        }

        @Override
        public void backup(String member, BackupType type, boolean fromStandby) {
            ran.add(type.id() + "@" + member + (fromStandby ? "+standby" : ""));
            if (failure != null) {
                throw failure;
            }
            backups.add(new BackupRecord(
                    "b" + backups.size(),
                    type,
                    NOW,
                    NOW,
                    1,
                    1,
                    "w",
                    "w",
                    Optional.of(member),
                    Optional.empty(),
                    false));
        }
    };

    @Test
    void runsTheDueBackupThenWaitsForTheSchedule() {
        ScheduledBackups b = new ScheduledBackups(SCHEDULE, port, false, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(b.tick()).isInstanceOf(ScheduledBackup.Run.class);
        assertThat(b.tick()).isInstanceOf(ScheduledBackup.Wait.class);
        assertThat(ran).containsExactly("full@pg-0");
    }

    @Test
    void aBackupProcessOnAMemberWithTheLockFreeIsWaitedFor() {
        process = BackupActivity.Process.PRESENT;
        ScheduledBackups b = new ScheduledBackups(SCHEDULE, port, true, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(b.tick())
                .isInstanceOf(ScheduledBackup.Wait.class)
                .extracting(ScheduledBackup.Action::why)
                .asString()
                .contains("backup process runs on a member");
        assertThat(ran).isEmpty();
        process = BackupActivity.Process.UNKNOWN; // no evidence of one: the schedule goes on, pgBackRest's lock guards
        assertThat(b.tick()).isInstanceOf(ScheduledBackup.Run.class);
        assertThat(ran).containsExactly("full@pg-1+standby");
    }

    @Test
    void fromTheReplicaWhenPgBackRestMay() {
        new ScheduledBackups(SCHEDULE, port, true, Clock.fixed(NOW, ZoneOffset.UTC)).tick();
        assertThat(ran).containsExactly("full@pg-1+standby");
    }

    @Test
    void aFailedBackupIsTriedAgainAtTheNextTick() {
        ScheduledBackups b = new ScheduledBackups(SCHEDULE, port, false, Clock.fixed(NOW, ZoneOffset.UTC));
        failure = new IllegalStateException("unable to acquire lock");
        assertThatThrownBy(b::tick).hasMessageContaining("lock");
        failure = null;
        assertThat(b.tick()).isInstanceOf(ScheduledBackup.Run.class);
        assertThat(ran).containsExactly("full@pg-0", "full@pg-0");
    }

    @Test
    void aStandbySupervisorTakesNoBackupTheLeaderDoes() {
        boolean[] leading = {false};
        ScheduledBackups b =
                new ScheduledBackups(SCHEDULE, port, false, Clock.fixed(NOW, ZoneOffset.UTC), () -> leading[0]);
        assertThat(b.tick())
                .isEqualTo(new ScheduledBackup.Wait("this supervisor is a standby: the leading one takes the backups"));
        assertThat(ran).isEmpty();
        leading[0] = true; // the leader died and this one took the lease
        assertThat(b.tick()).isInstanceOf(ScheduledBackup.Run.class);
        assertThat(ran).containsExactly("full@pg-0");
    }
}
