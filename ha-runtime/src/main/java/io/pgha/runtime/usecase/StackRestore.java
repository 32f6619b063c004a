package io.pgha.runtime.usecase;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.backup.BackupRecord;
import io.pgha.runtime.backup.PgBackRestRestore;
import io.pgha.runtime.backup.RecoverableWindow;
import io.pgha.runtime.backup.RestoreTarget;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.provision.CreatedByRun;
import io.pgha.runtime.provision.ProgressEvent;
import io.pgha.runtime.provision.ProgressListener;
import io.pgha.runtime.provision.RestoreSeed;
import io.pgha.runtime.provision.StackProvisioner;
import io.pgha.runtime.provision.UpResult;
import io.pgha.runtime.stack.StackSpec;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code pgha restore --into NEW} (docs/decisions/0022): a new stack made from another stack's backups at a chosen
 * point, the source left as it is. The target is checked against the recoverable window before anything is made; then
 * the new stack comes up like any {@code pgha up}, its first node from the backup restored with pgBackRest and
 * recovered to the target, its replicas cloned from it by Patroni.
 */
public final class StackRestore {

    /** The longest the restore of the files plus the recovery may take. */
    public static final Duration RESTORE_LIMIT = Duration.ofHours(2);

    private StackRestore() {}

    /**
     * What a restore made.
     *
     * @param backup the backup it started from
     * @param window the recoverable window it was checked against
     * @param up     the new stack's up
     */
    public record Restored(BackupRecord backup, RecoverableWindow window, UpResult up) {}

    /**
     * Restores {@code source}'s backups at {@code target} into the new stack {@code into} (its name, ports and the rest
     * from the spec; it must not exist yet).
     */
    public static Restored into(
            ClusterConnection source, StackSpec into, RestoreTarget target, ProgressListener progress) {
        if (into.name().equals(source.name())) {
            throw PghaException.invalidInput("restore --into needs a new stack's name, not the source's ("
                    + source.name() + "); pgha restore --in-place is the one that rebuilds a stack itself");
        }
        if (new ClusterRegistry().find(into.name()).isPresent()) {
            throw PghaException.conflict("a cluster named " + into.name() + " exists already; restore --into makes a"
                    + " new stack: choose another name, or remove it first (pgha down --name " + into.name()
                    + " --volumes)");
        }
        RecoverableWindow window;
        String stanza;
        String stack;
        long t0 = System.nanoTime();
        progress.on(new ProgressEvent("window", "Recoverable window", ProgressEvent.Status.STARTED, "", Duration.ZERO));
        try (StackBackups backups = StackBackups.onLocalDocker(source)) {
            window = backups.window();
            stanza = backups.stanza();
            stack = backups.stack();
        }
        BackupRecord backup = window.backupFor(target).orElseThrow();
        progress.on(new ProgressEvent(
                "window",
                "Recoverable window",
                ProgressEvent.Status.DONE,
                window.describe() + "; " + target.describe() + " from backup " + backup.label(),
                Duration.ofNanos(System.nanoTime() - t0)));
        RestoreSeed seed = new RestoreSeed(stack, new PgBackRestRestore(stanza, backup.label(), target), RESTORE_LIMIT);
        try (StackProvisioner provisioner = StackProvisioner.onLocalDocker()) {
            UpResult up = provisioner.up(into, progress, new CreatedByRun(), Optional.of(seed));
            return new Restored(backup, window, up);
        }
    }
}
