package io.pgha.runtime.supervisor;

import io.pgha.runtime.backup.BackupActivity;
import io.pgha.runtime.backup.RepositoryInfo;
import io.pgha.runtime.backup.ScheduledBackup;
import io.pgha.runtime.stack.BackupSchedule;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's scheduled base backups, run by the supervisor (docs/decisions/0027): on every tick a snapshot of the
 * repository and the cluster through the {@link BackupPort}, {@link ScheduledBackup}'s decision, and the backup it
 * names run on this component's own thread, so one at a time and never on the fast paths' loop. A failed read or
 * backup is logged and the next tick decides again.
 */
public final class ScheduledBackups implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledBackups.class);

    private final BackupSchedule schedule;
    private final BackupPort port;
    private final boolean standbyBackups;
    private final Clock clock;
    private final BooleanSupplier leading;
    private final AtomicBoolean running = new AtomicBoolean();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pgha-backups");
        t.setDaemon(true);
        return t;
    });
    private String lastWait = "";

    /** @param standbyBackups whether the stack's pgBackRest may back up from a standby */
    public ScheduledBackups(BackupSchedule schedule, BackupPort port, boolean standbyBackups, Clock clock) {
        this(schedule, port, standbyBackups, clock, () -> true);
    }

    /**
     * @param leading whether this supervisor holds the supervisors' lease (docs/decisions/0035): only that one backs up
     */
    public ScheduledBackups(
            BackupSchedule schedule, BackupPort port, boolean standbyBackups, Clock clock, BooleanSupplier leading) {
        this.schedule = schedule;
        this.port = port;
        this.standbyBackups = standbyBackups;
        this.clock = clock;
        this.leading = leading;
    }

    /** Ticks every {@code every}, the first after {@code first}. */
    public void start(Duration first, Duration every) {
        LOG.info(
                "scheduled backups: full every {}, differential every {}, checked every {}",
                BackupSchedule.text(schedule.fullEvery()),
                BackupSchedule.text(schedule.diffEvery()),
                every);
        thread.scheduleWithFixedDelay(this::tickQuietly, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One tick: read, decide, act. Returns the decision (for tests); throws what reading or the backup threw. */
    ScheduledBackup.Action tick() {
        if (!leading.getAsBoolean()) {
            return waiting(new ScheduledBackup.Wait("this supervisor is a standby: the leading one takes the backups"));
        }
        RepositoryInfo info = port.repository();
        ScheduledBackup.Action action = ScheduledBackup.decide(new ScheduledBackup.Snapshot(
                schedule,
                info.backups(),
                info.backupRunning(),
                running.get(),
                port.members(),
                port.switchoverScheduled(),
                standbyBackups,
                clock.instant()));
        if (action instanceof ScheduledBackup.Run && !info.backupRunning()) {
            // the lock is the leader container's and can read free while a backup runs (docs/decisions/0050)
            if (BackupActivity.running(false, port.backupProcess(), false)) {
                return waiting(new ScheduledBackup.Wait("a pgBackRest backup process runs on a member although the"
                        + " stanza's lock reads free (a backup from a standby, or the lock read while it was"
                        + " rewritten): waiting for it to end"));
            }
        }
        if (action instanceof ScheduledBackup.Run run) {
            if (!running.compareAndSet(false, true)) {
                return new ScheduledBackup.Wait("the supervisor's scheduled backup is still running");
            }
            long started = System.nanoTime();
            LOG.info("scheduled backup starts: {}", run.why());
            try {
                port.backup(run.member(), run.type(), run.fromStandby());
                LOG.info(
                        "scheduled {} backup on {} done in {} ms",
                        run.type().id(),
                        run.member(),
                        (System.nanoTime() - started) / 1_000_000);
            } finally {
                running.set(false);
            }
        } else {
            waiting(action);
        }
        return action;
    }

    private ScheduledBackup.Action waiting(ScheduledBackup.Action action) {
        if (!action.why().equals(lastWait)) {
            lastWait = action.why();
            LOG.info("no scheduled backup now: {}", action.why());
        }
        return action;
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("scheduled backup: {}; deciding again at the next tick", e.getMessage());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        if (port instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("closing the backups' connections failed: {}", e.getMessage());
            }
        }
    }
}
