package io.pgha.console.service;

import io.pgha.runtime.backup.BackupRecord;
import io.pgha.runtime.backup.BackupType;

/**
 * The backups of one open cluster (ha-runtime's {@code StackBackups}, as {@code pgha backup} and {@code pgha status} use
 * them): the repository and the archive read, and a backup taken now. Both block (Docker execs in the leader's
 * container), so they are called off the FX thread.
 */
public interface ClusterBackups {

    /**
     * The backups as they are now, or why the cluster has none; reads, writes nothing (a second or two).
     *
     * @throws io.pgha.runtime.PghaException UNAVAILABLE when Docker, Patroni or pgBackRest cannot be reached
     */
    BackupsState read();

    /**
     * Takes a backup of that type on the leader and returns it when it is done; blocks for the backup's whole length.
     *
     * @throws io.pgha.runtime.PghaException CONFLICT when another backup holds the repository's lock, UNAVAILABLE when
     *                                       pgBackRest fails
     */
    BackupRecord now(BackupType type);

    /** A cluster whose backups are not pgha's: it attached to it rather than made it. */
    ClusterBackups ATTACHED = new ClusterBackups() {
        @Override
        public BackupsState read() {
            return new BackupsState.Off(BackupsState.Why.ATTACHED);
        }

        @Override
        public BackupRecord now(BackupType type) {
            throw io.pgha.runtime.PghaException.invalidInput(
                    "backups are for stacks pgha made (pgha up); this cluster was attached");
        }
    };
}
