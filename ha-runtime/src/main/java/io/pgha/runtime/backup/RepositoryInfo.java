package io.pgha.runtime.backup;

import io.pgha.runtime.Api;
import java.util.List;
import java.util.Optional;

/**
 * A stanza's state in the repository.
 *
 * @param stanza        the stanza (the Patroni scope)
 * @param statusCode    pgBackRest's status code: 0 ok, 1 missing stanza path, 2 no valid backups, 3 missing stanza data, …
 * @param statusMessage pgBackRest's status in words
 * @param backupRunning whether a backup runs now: pgBackRest's lock as info reads it, or, where pgha asked, also a backup
 *                      process on a member ({@link BackupActivity})
 * @param backups       the backups, oldest first
 * @param archiveMin    the oldest WAL segment in the archive, when there is one
 * @param archiveMax    the newest WAL segment in the archive, when there is one
 */
@Api
public record RepositoryInfo(
        String stanza,
        int statusCode,
        String statusMessage,
        boolean backupRunning,
        List<BackupRecord> backups,
        Optional<String> archiveMin,
        Optional<String> archiveMax) {

    public static final int OK = 0;
    public static final int NO_BACKUPS = 2;

    public RepositoryInfo {
        backups = List.copyOf(backups);
    }

    /** This reading with {@code running} as whether a backup runs (after the members' processes were asked). */
    public RepositoryInfo withBackupRunning(boolean running) {
        return new RepositoryInfo(stanza, statusCode, statusMessage, running, backups, archiveMin, archiveMax);
    }

    public Optional<BackupRecord> latest() {
        return backups.isEmpty() ? Optional.empty() : Optional.of(backups.getLast());
    }

    /** Whether the stanza exists in the repository (with or without backups). */
    public boolean stanzaExists() {
        return statusCode == OK || statusCode == NO_BACKUPS;
    }
}
