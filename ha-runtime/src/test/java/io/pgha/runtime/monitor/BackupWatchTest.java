package io.pgha.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.runtime.backup.BackupActivity;
import io.pgha.runtime.backup.BackupActivity.Process;
import io.pgha.runtime.backup.BackupRecord;
import io.pgha.runtime.backup.BackupType;
import io.pgha.runtime.backup.RepositoryInfo;
import io.pgha.runtime.model.ClusterEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The watch's ticks against scripted readings of the repository: baseline, events, a failed reading skipped. */
class BackupWatchTest {

    private static final BackupRecord FULL = new BackupRecord(
            "20261205-180000F",
            BackupType.FULL,
            Instant.parse("2026-12-05T18:00:00Z"),
            Instant.parse("2026-12-05T18:00:10Z"),
            1,
            1,
            "000000010000000000000002",
            "000000010000000000000002",
            Optional.of("pg-1"),
            Optional.empty(),
            false);

    private static Optional<RepositoryInfo> repo(boolean running, BackupRecord... b) {
        return Optional.of(
                new RepositoryInfo("bk19", 0, "ok", running, List.of(b), Optional.empty(), Optional.empty()));
    }

    @Test
    void startedThenFinishedAcrossTicksAndAFailedReadingIsNotTheBaseline() {
        Deque<Optional<RepositoryInfo>> readings = new ArrayDeque<>(
                List.of(repo(false), repo(true), Optional.empty(), repo(true), repo(false, FULL), repo(false, FULL)));
        List<ClusterEvent> published = new ArrayList<>();
        BackupWatch watch = new BackupWatch(
                readings::removeFirst,
                () -> BackupActivity.Process.ABSENT,
                published::addAll,
                Clock.fixed(Instant.parse("2026-12-05T18:00:05Z"), ZoneOffset.UTC));
        watch.tick();
        assertThat(published).as("the first reading is the baseline").isEmpty();
        watch.tick();
        assertThat(published).extracting(ClusterEvent::kind).containsExactly(ClusterEvent.Kind.BACKUP_STARTED);
        watch.tick(); // no reading: nothing said, the running one stays the baseline
        watch.tick(); // still running: nothing new
        watch.tick();
        watch.tick();
        assertThat(published)
                .extracting(ClusterEvent::kind)
                .containsExactly(ClusterEvent.Kind.BACKUP_STARTED, ClusterEvent.Kind.BACKUP_FINISHED);
        assertThat(published.get(1).message()).contains("full backup 20261205-180000F finished on pg-1 in 10 s");
    }

    @Test
    void aReaderThatThrowsSaysNothing() {
        List<ClusterEvent> published = new ArrayList<>();
        BackupWatch watch = new BackupWatch(
                () -> {
                    throw new IllegalStateException("docker gone");
                },
                () -> BackupActivity.Process.ABSENT,
                published::addAll,
                Clock.systemUTC());
        watch.tick();
        assertThat(published).isEmpty();
    }

    /**
     * A backup seen holding the lock, then a reading with the lock held or not, a backup process on a member or not,
     * the backup listed or not (docs/decisions/0050): what the watch says, and whether it still counts one running.
     */
    @ParameterizedTest(name = "lock {0}, process {1}, listed {2}: {3}, still running {4}")
    @CsvSource({
        "true,  PRESENT, false, '',              true",
        "true,  ABSENT,  false, '',              true",
        "true,  PRESENT, true,  BACKUP_FINISHED, true",
        "true,  ABSENT,  true,  BACKUP_FINISHED, true",
        // the lock read free while the backup runs: no failure
        "false, PRESENT, false, '',              true",
        "false, UNKNOWN, false, '',              true",
        "false, ABSENT,  false, BACKUP_FAILED,   false",
        "false, PRESENT, true,  BACKUP_FINISHED, false",
        "false, ABSENT,  true,  BACKUP_FINISHED, false",
    })
    void aLockThatReadsFreeIsCheckedAgainstTheMembersProcesses(
            boolean lock, Process process, boolean listed, String event, boolean stillRunning) {
        List<Process> asked = new ArrayList<>();
        Deque<Optional<RepositoryInfo>> readings =
                new ArrayDeque<>(List.of(repo(false), repo(true), listed ? repo(lock, FULL) : repo(lock)));
        List<ClusterEvent> published = new ArrayList<>();
        BackupWatch watch = new BackupWatch(
                readings::removeFirst,
                () -> {
                    asked.add(process);
                    return process;
                },
                published::addAll,
                Clock.fixed(Instant.parse("2026-12-05T18:00:20Z"), ZoneOffset.UTC));
        watch.tick();
        watch.tick();
        published.clear();
        watch.tick();
        assertThat(published)
                .extracting(e -> e.kind().name())
                .containsExactlyElementsOf(event.isEmpty() ? List.of() : List.of(event));
        // the processes are asked only when the lock went free with nothing new listed
        assertThat(asked).hasSize(!lock && !listed ? 1 : 0);
        // whether the watch still counts it running: a next reading with the lock held says "started" only if not
        readings.add(listed ? repo(true, FULL) : repo(true));
        published.clear();
        watch.tick();
        assertThat(published)
                .extracting(e -> e.kind().name())
                .containsExactlyElementsOf(stillRunning ? List.of() : List.of("BACKUP_STARTED"));
    }
}
