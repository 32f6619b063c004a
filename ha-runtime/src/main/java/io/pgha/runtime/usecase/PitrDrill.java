package io.pgha.runtime.usecase;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.backup.RestoreTarget;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.drill.BoundedWait;
import io.pgha.runtime.drill.DrillTarget;
import io.pgha.runtime.postgres.WriteLoad;
import io.pgha.runtime.provision.ProgressEvent;
import io.pgha.runtime.provision.ProgressListener;
import io.pgha.runtime.provision.StackProvisioner;
import io.pgha.runtime.stack.StackSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The point-in-time recovery drill (issue 19, {@code pgha drill pitr}): writers insert numbered rows through the
 * router, the drill takes a moment T, writing goes on, then the writers' table is dropped — the accident; the
 * repository is restored to T into a new stack, and the rows there are compared with what the writers were told:
 * every row acknowledged before T must be there, no row sent after T may be, and the restore's time is measured. The
 * source stack is left as it was (its drill table dropped); the new one is removed unless kept.
 */
public final class PitrDrill {

    /** How long writes go on after T before the table is dropped. */
    public static final Duration WRITES_AFTER_TARGET = Duration.ofSeconds(3);

    /**
     * @param target                 T, the moment restored to
     * @param acknowledgedBeforeTarget rows whose insert was acknowledged before T
     * @param lostBeforeTarget       of those, the ones the restored stack does not have (must be 0)
     * @param presentAfterTarget     rows sent after T that the restored stack has (must be 0)
     * @param inFlightAtTarget       rows sent before T and acknowledged after it: either way is right for them
     * @param restore                from the restore's start to a healthy new stack
     */
    public record Result(
            String source,
            String restoredInto,
            boolean kept,
            Instant target,
            String backup,
            long acknowledgedBeforeTarget,
            long lostBeforeTarget,
            long presentAfterTarget,
            long inFlightAtTarget,
            long restoredRows,
            Duration restore) {

        public boolean passed() {
            return lostBeforeTarget == 0 && presentAfterTarget == 0;
        }
    }

    private PitrDrill() {}

    /**
     * @param writers the source's write endpoint and superuser, as the fault drills aim
     * @param into    the new stack's spec (a name and ports of its own)
     * @param keep    leave the restored stack running (else it is removed with its volumes)
     */
    public static Result run(
            ClusterConnection source,
            DrillTarget writers,
            StackSpec into,
            int writerCount,
            boolean keep,
            ProgressListener progress,
            BooleanSupplier cancelled) {
        BoundedWait waits = new BoundedWait("the pitr drill", "drill", cancelled);
        String run = "pitr-" + System.currentTimeMillis();
        step(progress, "writes", "Writers through the router", ProgressEvent.Status.STARTED, writerCount + " writers");
        Instant target;
        long issuedBeforeTarget;
        long targetNanos;
        List<WriteLoad.Ack> acks;
        try (WriteLoad writes = DrillWriters.of(writers, run, writerCount)) {
            writes.prepare(Duration.ofSeconds(30));
            writes.start();
            waits.until(
                    "writes flow before T",
                    Duration.ofSeconds(30),
                    () -> writes.acks().size() >= 50);
            issuedBeforeTarget = writes.idsIssued();
            targetNanos = System.nanoTime();
            target = Instant.now();
            step(progress, "writes", "Writers through the router", ProgressEvent.Status.PROGRESS, "T = " + target);
            long afterTarget = System.nanoTime() + WRITES_AFTER_TARGET.toNanos();
            waits.quietly(WRITES_AFTER_TARGET.plusSeconds(1), () -> System.nanoTime() >= afterTarget);
            writes.close();
            acks = writes.acks();
            if (!writes.dropTable(Duration.ofSeconds(30))) {
                throw PghaException.unavailable("the drill could not drop its table " + WriteLoad.TABLE + " on "
                        + source.name() + ": no primary answered within 30 s");
            }
            step(
                    progress,
                    "writes",
                    "Writers through the router",
                    ProgressEvent.Status.DONE,
                    acks.size() + " rows acknowledged, then table " + WriteLoad.TABLE + " dropped (the accident)");
        }
        long started = System.nanoTime();
        StackRestore.Restored restored = StackRestore.into(source, into, new RestoreTarget.AtTime(target), progress);
        Duration restoreTime = Duration.ofNanos(System.nanoTime() - started);
        try {
            Set<Long> present = DrillWriters.restoredRows(into.name(), run);
            long acknowledgedBefore =
                    acks.stream().filter(a -> a.atNanos() < targetNanos).count();
            long lost = acks.stream()
                    .filter(a -> a.atNanos() < targetNanos)
                    .filter(a -> !present.contains(a.id()))
                    .count();
            long after = present.stream().filter(id -> id > issuedBeforeTarget).count();
            long inFlight = acks.stream()
                    .filter(a -> a.atNanos() >= targetNanos && a.id() <= issuedBeforeTarget)
                    .count();
            return new Result(
                    source.name(),
                    into.name(),
                    keep,
                    target,
                    restored.backup().label(),
                    acknowledgedBefore,
                    lost,
                    after,
                    inFlight,
                    present.size(),
                    restoreTime);
        } finally {
            if (!keep) {
                step(progress, "cleanup", "Remove the restored stack", ProgressEvent.Status.STARTED, into.name());
                try (StackProvisioner provisioner = StackProvisioner.onLocalDocker()) {
                    provisioner.down(into.name(), true, progress);
                }
            }
        }
    }

    private static void step(
            ProgressListener progress, String step, String title, ProgressEvent.Status status, String message) {
        progress.on(new ProgressEvent(step, title, status, message, Duration.ZERO));
    }
}
