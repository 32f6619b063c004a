package io.pgha.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;

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
                published::addAll,
                Clock.systemUTC());
        watch.tick();
        assertThat(published).isEmpty();
    }
}
