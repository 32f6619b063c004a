package io.pgha.console.service;

import io.pgha.runtime.backup.BackupRecord;
import io.pgha.runtime.backup.BackupSummary;
import io.pgha.runtime.stack.BackupSchedule;
import java.util.List;

/** What {@link ClusterBackups#read()} found: the backups, or why the cluster has none. */
public sealed interface BackupsState {

    /**
     * A stack that takes backups.
     *
     * @param summary the recoverable window, last backup, archive, whether one runs, warnings
     * @param backups  every backup in the repository, oldest first
     * @param schedule the schedule the stack's supervisor takes backups on (the spec's {@code backups.full_every} and
     *                 {@code diff_every}, docs/decisions/0027)
     */
    record On(BackupSummary summary, List<BackupRecord> backups, BackupSchedule schedule) implements BackupsState {
        public On {
            backups = List.copyOf(backups);
        }
    }

    /** A cluster without backups pgha could show, and why. */
    record Off(Why why) implements BackupsState {}

    /** Why a cluster has no backups. */
    enum Why {
        /** pgha attached to the cluster: its backups are its own tools' business. */
        ATTACHED,
        /** The stack's spec says {@code backups.enabled: false}. */
        DISABLED,
        /** The stack runs images without pgBackRest (the official Spilo images). */
        NO_BACKUP_TOOL
    }
}
