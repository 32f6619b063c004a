package io.pgha.runtime.backup;

/**
 * Whether a backup runs (docs/decisions/0050): pgBackRest's info calls its backup lock held only when the lock file in
 * the lock path of the container it runs in is locked and holds JSON. The file is truncated and rewritten while the
 * backup writes its progress, so a reading can find it empty and say "not held" while the backup runs; and the lock
 * path is each container's own, so a backup on a replica ({@code --backup-standby}) is never held in the leader's
 * container where info runs. A held lock is certain; a lock not held is only certain when no member's container runs a
 * pgBackRest backup process ({@link RunningBackup}).
 */
public final class BackupActivity {

    /** What the members' processes say. */
    public enum Process {
        /** a {@code pgbackrest … backup} process runs in a member's container */
        PRESENT,
        /** every member's container answered and none runs one */
        ABSENT,
        /** no process found, but some container could not be asked */
        UNKNOWN
    }

    private BackupActivity() {}

    /**
     * Whether a backup runs now: the lock held, or a backup process on a member; with neither, the previous answer when
     * the processes could not all be asked (no change of mind without evidence).
     *
     * @param wasRunning the previous answer (false when there is none)
     */
    public static boolean running(boolean lockHeld, Process process, boolean wasRunning) {
        if (lockHeld) {
            return true;
        }
        return switch (process) {
            case PRESENT -> true;
            case ABSENT -> false;
            case UNKNOWN -> wasRunning;
        };
    }
}
