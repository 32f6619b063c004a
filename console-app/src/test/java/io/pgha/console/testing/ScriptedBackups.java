package io.pgha.console.testing;

import io.pgha.console.service.BackupsState;
import io.pgha.console.service.ClusterBackups;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.backup.ArchiveStatus;
import io.pgha.runtime.backup.BackupRecord;
import io.pgha.runtime.backup.BackupSummary;
import io.pgha.runtime.backup.BackupType;
import io.pgha.runtime.backup.RepositoryInfo;
import io.pgha.runtime.stack.BackupSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Backups for UI tests: a repository of sample backups read as the runtime's summary reads it, a backup that is added
 * when taken (at once, or after {@link #holdBackups()} when the test releases it), and a state the test may set.
 */
public final class ScriptedBackups implements ClusterBackups {

    private static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");

    private final List<BackupRecord> backups = new CopyOnWriteArrayList<>(List.of(
            record("20261205-080000F", BackupType.FULL, T0, Optional.empty()),
            record(
                    "20261205-080000F_20261205-090000I",
                    BackupType.INCR,
                    T0.plusSeconds(3600),
                    Optional.of("20261205-080000F"))));
    private final List<BackupType> taken = new CopyOnWriteArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();
    private volatile Optional<BackupsState> state = Optional.empty();
    private volatile Optional<String> failure = Optional.empty();
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private volatile boolean running;

    /** A sample backup: 30 s long, 1 GiB of database, 100 MiB stored, on pg-1. */
    public static BackupRecord record(String label, BackupType type, Instant start, Optional<String> prior) {
        return new BackupRecord(
                label,
                type,
                start,
                start.plusSeconds(30),
                1L << 30,
                100L << 20,
                "000000030000000000000010",
                "000000030000000000000011",
                Optional.of("pg-1"),
                prior,
                false);
    }

    /** An archiver 1 MiB behind that archived its last segment at {@code at}. */
    public static ArchiveStatus archive(Instant at) {
        return new ArchiveStatus(
                "0/13100000",
                "000000030000000000000013",
                Optional.of("000000030000000000000012"),
                Optional.of(at),
                Optional.empty(),
                Optional.empty(),
                0,
                OptionalLong.of(1L << 20));
    }

    @Override
    public BackupsState read() {
        reads.incrementAndGet();
        if (state.isPresent()) {
            return state.get();
        }
        RepositoryInfo info = new RepositoryInfo(
                "demo", RepositoryInfo.OK, "ok", running, new ArrayList<>(backups), Optional.empty(), Optional.empty());
        Instant now = Instant.now();
        return new BackupsState.On(
                BackupSummary.of(info, archive(now.minusSeconds(40)), now, Duration.ofDays(3650)),
                info.backups(),
                BackupSchedule.DEFAULTS);
    }

    @Override
    public BackupRecord now(BackupType type) {
        taken.add(type);
        running = true;
        try {
            if (!hold.await(30, TimeUnit.SECONDS)) {
                throw PghaException.timeout("the test did not release the backup");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PghaException.unavailable("interrupted");
        } finally {
            running = false;
        }
        if (failure.isPresent()) {
            throw PghaException.conflict(failure.get());
        }
        BackupRecord last = backups.getLast();
        BackupRecord made = record(
                type == BackupType.FULL
                        ? "20261205-100000F"
                        : "20261205-080000F_20261205-100000" + type.id().charAt(0),
                type,
                last.stop().plusSeconds(1800),
                type == BackupType.FULL ? Optional.empty() : Optional.of(last.label()));
        backups.add(made);
        return made;
    }

    /** Every following read answers this. */
    public void state(BackupsState next) {
        state = Optional.of(next);
    }

    /** Every following backup fails with CONFLICT and this message. */
    public void failWith(String message) {
        failure = Optional.of(message);
    }

    /** The following backups wait, with the repository saying one runs, until {@link #release()}. */
    public void holdBackups() {
        hold = new CountDownLatch(1);
    }

    public void release() {
        hold.countDown();
    }

    public List<BackupType> taken() {
        return List.copyOf(taken);
    }

    public int reads() {
        return reads.get();
    }
}
