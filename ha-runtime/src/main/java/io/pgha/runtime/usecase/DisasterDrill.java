package io.pgha.runtime.usecase;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.backup.RestoreTarget;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.docker.DockerFaults;
import io.pgha.runtime.drill.BoundedWait;
import io.pgha.runtime.drill.DrillTarget;
import io.pgha.runtime.postgres.WriteLoad;
import io.pgha.runtime.provision.ProgressEvent;
import io.pgha.runtime.provision.ProgressListener;
import io.pgha.runtime.stack.StackLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The disaster drill (issue 19, {@code pgha drill disaster}): writers insert numbered rows through the router, then
 * every PostgreSQL node of the cluster is removed with its data volume while they write — the lost machine, the failed
 * disk under all three volumes; the cluster is rebuilt in place from its repository to the end of the archive
 * ({@code pgha restore --in-place --latest}), and the rows it has are compared with what the writers were told. What
 * is lost is the archive's lag at the disaster; it must be the newest acknowledged rows only ({@link DisasterLoss}).
 * The drill's table is dropped at the end.
 */
public final class DisasterDrill {

    /** How long the writers write before the disaster: longer than the archive timeout, so the archive has rows. */
    public static final Duration WRITES_BEFORE = Duration.ofSeconds(12);

    /**
     * @param removed  the containers and data volumes removed
     * @param loss     what the restored cluster has of the acknowledged rows
     * @param backup   the backup the restore started from
     * @param restore  from the restore's start to a healthy cluster, writable through its router
     */
    public record Result(
            String cluster,
            Instant disaster,
            List<String> removed,
            String backup,
            long acknowledgedWrites,
            long lostWrites,
            long lostOutOfOrder,
            Optional<Duration> lossWindow,
            long restoredRows,
            Duration restore) {

        public boolean passed() {
            return lostOutOfOrder == 0;
        }
    }

    private DisasterDrill() {}

    /**
     * @param cluster the cluster, made by {@code pgha up} with backups on
     * @param writers its write endpoint, superuser and members, as the fault drills aim
     */
    public static Result run(
            ClusterConnection cluster,
            DrillTarget writers,
            int writerCount,
            ProgressListener progress,
            BooleanSupplier cancelled) {
        BoundedWait waits = new BoundedWait("the disaster drill", "drill", cancelled);
        String run = "disaster-" + System.currentTimeMillis();
        List<String> removed = new ArrayList<>();
        long disasterNanos;
        Instant disaster;
        List<WriteLoad.Ack> acks;
        step(progress, "writes", "Writers through the router", ProgressEvent.Status.STARTED, writerCount + " writers");
        try (WriteLoad writes = DrillWriters.of(writers, run, writerCount);
                DockerFaults docker = DockerFaults.connect()) {
            writes.prepare(Duration.ofSeconds(30));
            writes.start();
            long until = System.nanoTime() + WRITES_BEFORE.toNanos();
            waits.quietly(WRITES_BEFORE.plusSeconds(1), () -> System.nanoTime() >= until);
            if (writes.acks().isEmpty()) {
                throw PghaException.unavailable("no write was acknowledged through the router of " + cluster.name()
                        + " in " + WRITES_BEFORE.toSeconds() + " s: the drill needs a healthy cluster; nothing was"
                        + " removed");
            }
            step(
                    progress,
                    "writes",
                    "Writers through the router",
                    ProgressEvent.Status.DONE,
                    writes.acks().size() + " rows acknowledged so far");
            step(progress, "disaster", "Every node and its data removed", ProgressEvent.Status.STARTED, "");
            disasterNanos = System.nanoTime();
            disaster = Instant.now();
            for (String member : writers.members()) {
                String container = writers.containerOf(member);
                Optional<String> volume = docker.volumeAt(container, StackLayout.PGDATA_MOUNT);
                docker.removeForcefully(container);
                removed.add("container " + container);
                volume.ifPresent(v -> {
                    docker.removeVolume(v);
                    removed.add("volume " + v);
                });
            }
            writes.close();
            acks = writes.acks();
            step(
                    progress,
                    "disaster",
                    "Every node and its data removed",
                    ProgressEvent.Status.DONE,
                    String.join(", ", removed));
        }
        long started = System.nanoTime();
        StackRestore.Restored restored = StackRestore.inPlace(cluster, new RestoreTarget.Latest(), progress);
        Duration restoreTime = Duration.ofNanos(System.nanoTime() - started);
        Set<Long> present = DrillWriters.restoredRows(cluster.name(), run);
        DisasterLoss loss = DisasterLoss.of(acks, present, disasterNanos);
        dropTable(writers, run);
        return new Result(
                cluster.name(),
                disaster,
                List.copyOf(removed),
                restored.backup().label(),
                loss.acknowledged(),
                loss.lost(),
                loss.outOfOrder(),
                loss.lossWindow(),
                loss.restored(),
                restoreTime);
    }

    private static void dropTable(DrillTarget writers, String run) {
        try (WriteLoad cleanup = DrillWriters.of(writers, run, 0)) {
            cleanup.dropTable(Duration.ofSeconds(30));
        }
    }

    private static void step(
            ProgressListener progress, String step, String title, ProgressEvent.Status status, String message) {
        progress.on(new ProgressEvent(step, title, status, message, Duration.ZERO));
    }
}
