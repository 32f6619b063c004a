package io.pgha.runtime.supervisor;

import io.pgha.runtime.backup.BackupActivity;
import io.pgha.runtime.backup.BackupType;
import io.pgha.runtime.backup.RepositoryInfo;
import io.pgha.runtime.backup.ScheduledBackup;
import java.util.List;

/** The repository, the cluster's members and pgBackRest, as the supervisor's scheduled backups need them. */
public interface BackupPort {

    /** The repository's backups and whether one holds the stanza's lock. */
    RepositoryInfo repository();

    /**
     * Whether a pgBackRest backup process runs in a member's container: the lock in {@link #repository()} is the leader
     * container's own and can read free while a backup runs (docs/decisions/0050).
     */
    BackupActivity.Process backupProcess();

    /** The members as Patroni says, for the placement of a backup. */
    List<ScheduledBackup.Node> members();

    /** Whether Patroni has a switchover scheduled or the cluster is paused. */
    boolean switchoverScheduled();

    /** Runs the backup in the member's container and returns when it is done; fails with what pgBackRest said. */
    void backup(String member, BackupType type, boolean fromStandby);
}
