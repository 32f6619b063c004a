package io.pgha.console.wiring;

import io.pgha.console.service.BackupsState;
import io.pgha.console.service.ClusterBackups;
import io.pgha.runtime.backup.BackupRecord;
import io.pgha.runtime.backup.BackupType;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.stack.BackupSchedule;
import io.pgha.runtime.stack.ImageProfile;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.usecase.StackBackups;
import java.util.Optional;

/**
 * The Backups tab's service over the runtime's {@link StackBackups} on the local Docker engine, as {@code pgha backup}
 * and {@code pgha status} use it: a Docker client per call (every 30 s at most, and only while the tab is shown), let go
 * afterwards.
 */
final class RuntimeClusterBackups implements ClusterBackups {

    private final ClusterConnection connection;

    private RuntimeClusterBackups(ClusterConnection connection) {
        this.connection = connection;
    }

    /** The cluster's backups; {@link ClusterBackups#ATTACHED} for a cluster pgha did not make. */
    static ClusterBackups of(ClusterConnection connection) {
        return connection.dockerStack().isPresent() ? new RuntimeClusterBackups(connection) : ClusterBackups.ATTACHED;
    }

    @Override
    public BackupsState read() {
        try (StackBackups backups = StackBackups.onLocalDocker(connection)) {
            Optional<StackSpec> spec = backups.spec();
            Optional<BackupsState.Why> off = spec.flatMap(RuntimeClusterBackups::off);
            if (off.isPresent()) {
                return new BackupsState.Off(off.get());
            }
            BackupSchedule schedule = spec.map(s -> s.backups().schedule()).orElse(BackupSchedule.DEFAULTS);
            return new BackupsState.On(backups.summary(), backups.list().backups(), schedule);
        }
    }

    /**
     * Why a stack made with this spec takes no backups, or empty when it takes them ({@code StackLayout.archives()}), or
     * may (a spec that says "auto" images: then pgBackRest's own answer tells).
     */
    static Optional<BackupsState.Why> off(StackSpec spec) {
        if (!spec.backups().enabled()) {
            return Optional.of(BackupsState.Why.DISABLED);
        }
        return spec.images() == ImageProfile.OFFICIAL ? Optional.of(BackupsState.Why.NO_BACKUP_TOOL) : Optional.empty();
    }

    @Override
    public BackupRecord now(BackupType type) {
        try (StackBackups backups = StackBackups.onLocalDocker(connection)) {
            return backups.now(type);
        }
    }
}
