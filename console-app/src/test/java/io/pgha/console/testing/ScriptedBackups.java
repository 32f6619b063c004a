package io.pgha.console.testing;

import io.pgha.console.service.BackupsState;
import io.pgha.console.service.ClusterBackups;
import io.pgha.console.service.NewClusterRequest;
import io.pgha.console.service.RestoreInto;
import io.pgha.console.service.SpecProblem;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.backup.ArchiveStatus;
import io.pgha.runtime.backup.BackupRecord;
import io.pgha.runtime.backup.BackupSummary;
import io.pgha.runtime.backup.BackupType;
import io.pgha.runtime.backup.RecoverableWindow;
import io.pgha.runtime.backup.RepositoryInfo;
import io.pgha.runtime.backup.RestoreTarget;
import io.pgha.runtime.provision.ProgressEvent;
import io.pgha.runtime.provision.UpResult;
import io.pgha.runtime.stack.BackupSchedule;
import io.pgha.runtime.usecase.StackRestore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Backups for UI tests: a repository of sample backups read as the runtime's summary reads it, a backup that is added
 * when taken (at once, or after {@link #holdBackups()} when the test releases it), and a state the test may set.
 */
public class ScriptedBackups implements ClusterBackups {

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
    private final List<String> restores = new CopyOnWriteArrayList<>();
    private final Set<Integer> busyPorts = ConcurrentHashMap.newKeySet();
    private volatile CountDownLatch restoreHold = new CountDownLatch(0);
    private volatile Optional<String> restoreFailure = Optional.empty();

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

    /** "demo-restored" on the default ports moved by 10, as the wiring proposes them when the defaults are taken. */
    @Override
    public RestoreInto restoreDefaults() {
        return new RestoreInto("demo-restored", new NewClusterRequest.Ports(5442, 5443, 7010, 8018, 2389, 9197, 9100));
    }

    /** A name "taken" is taken; ports the test marked busy are in use. */
    @Override
    public List<SpecProblem> check(RestoreInto into) {
        List<SpecProblem> problems = new ArrayList<>();
        if (into.name().equals("taken")) {
            problems.add(new SpecProblem(SpecProblem.NAME, "a cluster named 'taken' exists already"));
        }
        if (busyPorts.contains(into.ports().write())) {
            problems.add(new SpecProblem(
                    SpecProblem.PORTS, "port " + into.ports().write() + " (write) is in use on 127.0.0.1"));
        }
        return problems;
    }

    @Override
    public List<String> inPlaceEffects() {
        return List.of("stops the supervisor and the PostgreSQL nodes pg-0, pg-1, pg-2", "keeps the ports");
    }

    /**
     * Reports the runtime's steps (window, restore, restore-leader, router), waiting before the last one while held, and
     * answers with the newest backup.
     */
    @Override
    public StackRestore.Restored restore(
            RestoreTarget target, Optional<RestoreInto> into, Consumer<ProgressEvent> progress) {
        restores.add(target.describe() + " -> " + into.map(RestoreInto::name).orElse("in place"));
        progress.accept(
                new ProgressEvent("window", "Recoverable window", ProgressEvent.Status.STARTED, "", Duration.ZERO));
        progress.accept(new ProgressEvent(
                "window", "Recoverable window", ProgressEvent.Status.DONE, "inside", Duration.ofMillis(800)));
        progress.accept(new ProgressEvent("restore", "Restore", ProgressEvent.Status.STARTED, "", Duration.ZERO));
        progress.accept(new ProgressEvent(
                "restore", "Restore", ProgressEvent.Status.PROGRESS, "pgBackRest restores", Duration.ZERO));
        try {
            if (!restoreHold.await(30, TimeUnit.SECONDS)) {
                throw PghaException.timeout("the test did not release the restore");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PghaException.unavailable("interrupted");
        }
        if (restoreFailure.isPresent()) {
            progress.accept(new ProgressEvent(
                    "restore", "Restore", ProgressEvent.Status.FAILED, restoreFailure.get(), Duration.ofSeconds(3)));
            throw PghaException.unavailable(restoreFailure.get());
        }
        progress.accept(new ProgressEvent(
                "restore", "Restore", ProgressEvent.Status.DONE, "recovered", Duration.ofSeconds(12)));
        BackupRecord from = backups.getLast();
        String name = into.map(RestoreInto::name).orElse("demo");
        return new StackRestore.Restored(
                from,
                new RecoverableWindow(backups, Instant.now()),
                new UpResult(name, List.of("restore"), "pg-0", null, name, Duration.ofSeconds(42)));
    }

    /** The restores asked for: "TARGET -> NAME" or "TARGET -> in place". */
    public List<String> restores() {
        return List.copyOf(restores);
    }

    /** The following restores wait in their restore step until {@link #releaseRestore()}. */
    public void holdRestores() {
        restoreHold = new CountDownLatch(1);
    }

    public void releaseRestore() {
        restoreHold.countDown();
    }

    public void failRestoresWith(String message) {
        restoreFailure = Optional.of(message);
    }

    /** {@link #check} finds this write port in use. */
    public void busyPort(int port) {
        busyPorts.add(port);
    }
}
