package io.pgha.runtime.monitor;

import io.pgha.runtime.backup.BackupActivity;
import io.pgha.runtime.backup.BackupActivity.Process;
import io.pgha.runtime.backup.BackupEvents;
import io.pgha.runtime.backup.PgBackRest;
import io.pgha.runtime.backup.RepositoryInfo;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.docker.DockerJavaEngine;
import io.pgha.runtime.model.ClusterEvent;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.stack.StackLayout;
import io.pgha.runtime.stack.StackSpecFile;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Backups in the event stream (docs/decisions/0034): every {@link #INTERVAL} the repository is read (pgBackRest's info,
 * one {@code docker exec} in the leader's container) and {@link BackupEvents} says what began, ended or failed since the
 * last reading. A reading that fails says nothing and is not the new baseline. One watch per monitor, on its own
 * thread: an exec never holds up the snapshot's merge.
 */
final class BackupWatch {

    /** How often the repository is read: a backup takes seconds to hours, the console's Backups tab reads as often. */
    static final Duration INTERVAL = Duration.ofSeconds(30);

    private final Supplier<Optional<RepositoryInfo>> read;
    private final Supplier<BackupActivity.Process> processes;
    private final Consumer<List<ClusterEvent>> publish;
    private final Clock clock;
    private Optional<RepositoryInfo> last = Optional.empty();

    /**
     * @param processes whether a backup process runs on a member: asked only when a backup seen running no longer holds
     *                  the lock and added nothing to the repository (docs/decisions/0050)
     */
    BackupWatch(
            Supplier<Optional<RepositoryInfo>> read,
            Supplier<BackupActivity.Process> processes,
            Consumer<List<ClusterEvent>> publish,
            Clock clock) {
        this.read = read;
        this.processes = processes;
        this.publish = publish;
        this.clock = clock;
    }

    /** One reading: the events since the last one published. */
    synchronized void tick() {
        Optional<RepositoryInfo> now;
        try {
            now = read.get();
        } catch (RuntimeException e) {
            return;
        }
        if (now.isEmpty()) {
            return;
        }
        RepositoryInfo reading = confirmed(now.get());
        List<ClusterEvent> events = BackupEvents.derive(last, reading, clock.instant());
        last = Optional.of(reading);
        if (!events.isEmpty()) {
            publish.accept(events);
        }
    }

    /**
     * The reading, or when the lock reads free after a backup was seen running and the repository lists nothing new, the
     * reading with the members' processes asked: pgBackRest's lock can read free while the backup runs.
     */
    private RepositoryInfo confirmed(RepositoryInfo now) {
        if (last.isEmpty() || !last.get().backupRunning() || now.backupRunning()) {
            return now;
        }
        java.util.Set<String> known = last.get().backups().stream()
                .map(io.pgha.runtime.backup.BackupRecord::label)
                .collect(java.util.stream.Collectors.toSet());
        if (now.backups().stream().anyMatch(b -> !known.contains(b.label()))) {
            return now;
        }
        Process process;
        try {
            process = processes.get();
        } catch (RuntimeException e) {
            process = Process.UNKNOWN;
        }
        return now.withBackupRunning(BackupActivity.running(false, process, true));
    }

    /**
     * The repository of a stack pgha made, read in its leader's container (from the monitor's current snapshot); empty
     * when there is no leader, the stack takes no backups (its spec on the leader's labels says so; then never again),
     * or the read fails.
     */
    static final class LiveReader implements Supplier<Optional<RepositoryInfo>>, AutoCloseable {
        private final ClusterConnection connection;
        private final String stack;
        private final Supplier<ClusterSnapshot> current;
        private DockerEngine docker;
        private boolean off;
        private String lastSpec;
        private boolean lastArchives;

        LiveReader(ClusterConnection connection, String stack, Supplier<ClusterSnapshot> current) {
            this.connection = connection;
            this.stack = stack;
            this.current = current;
        }

        @Override
        public synchronized Optional<RepositoryInfo> get() {
            Optional<String> leader = current.get().leader();
            if (off || leader.isEmpty()) {
                return Optional.empty();
            }
            if (docker == null) {
                docker = DockerJavaEngine.local();
            }
            String container = StackLayout.containerName(stack, leader.get());
            boolean archives = docker.container(container)
                    .map(c -> c.labels().get("io.pgha.spec"))
                    .filter(y -> y != null && !y.isBlank())
                    .map(this::archives)
                    .orElse(true);
            if (!archives) {
                off = true;
                return Optional.empty();
            }
            return Optional.of(new PgBackRest(docker, connection.scope(), "postgres").info(container));
        }

        /** Whether a backup process runs in the container of a member of the monitor's current snapshot. */
        synchronized Process process() {
            if (off || docker == null) {
                return Process.UNKNOWN;
            }
            List<String> containers = current.get().members().stream()
                    .map(m -> StackLayout.containerName(stack, m.name()))
                    .toList();
            return containers.isEmpty()
                    ? Process.UNKNOWN
                    : new PgBackRest(docker, connection.scope(), "postgres").backupProcess(containers);
        }

        /** Whether the stack of this spec label takes backups: parsed once per label (every 30 s was a YAML parse). */
        private boolean archives(String specLabel) {
            if (!specLabel.equals(lastSpec)) {
                lastArchives =
                        StackLayout.of(StackSpecFile.parse(specLabel).build()).archives();
                lastSpec = specLabel;
            }
            return lastArchives;
        }

        @Override
        public synchronized void close() {
            off = true;
            if (docker != null) {
                docker.close();
            }
        }
    }
}
