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
     * What {@code pgha restore --in-place} replaces and keeps (docs/decisions/0025), for the confirmation: one line per
     * item.
     */
    public static java.util.List<String> inPlaceEffects(ClusterConnection cluster) {
        String stack = stackOf(cluster);
        java.util.List<String> nodes =
                cluster.patroniUrls().keySet().stream().sorted().toList();
        return java.util.List.of(
                "stops the supervisor and the PostgreSQL nodes " + String.join(", ", nodes),
                "removes the cluster's keys under /service/" + cluster.scope() + "/ in etcd",
                "replaces every database in the data volumes "
                        + String.join(
                                ", ",
                                nodes.stream()
                                        .map(n -> stack + "_" + n + "-data")
                                        .toList())
                        + " with the backup recovered to the target (what they hold now is moved aside in each volume"
                        + " and deleted once the restored cluster is healthy)",
                "keeps the backup repository volume " + stack + "_backups, etcd, the router, the credentials and the"
                        + " ports");
    }

    /**
     * Rebuilds {@code cluster} itself from its repository at {@code target} (docs/decisions/0025): the target is checked
     * against the recoverable window first, on the running leader, and nothing is stopped when it is outside.
     */
    public static Restored inPlace(ClusterConnection cluster, RestoreTarget target, ProgressListener progress) {
        String stack = stackOf(cluster);
        Checked checked = checkWindow(cluster, target, progress);
        RestoreSeed seed = new RestoreSeed(
                stack, new PgBackRestRestore(checked.stanza(), checked.backup().label(), target), RESTORE_LIMIT, true);
        try (StackProvisioner provisioner = StackProvisioner.onLocalDocker()) {
            UpResult up = provisioner.restoreInPlace(cluster, seed, progress);
            return new Restored(checked.backup(), checked.window(), up);
        }
    }

    /**
     * {@code pgha restore --roll-back STAMP}: the rollback of a failed in-place restore run again, when the automatic one
     * failed too (docs/decisions/0034): the data set aside under {@code STAMP} back in each data volume, the stack
     * started on it. Returns the stack's up.
     */
    public static UpResult rollBack(ClusterConnection cluster, String stamp, ProgressListener progress) {
        stackOf(cluster);
        if (!stamp.matches("[0-9]{1,19}")) {
            throw PghaException.invalidInput("--roll-back takes the number after " + RestoreSeed.SET_ASIDE
                    + " that the failed restore printed, e.g. 1765000000; not '" + stamp + "'");
        }
        try (StackProvisioner provisioner = StackProvisioner.onLocalDocker()) {
            return provisioner.rollBackInPlace(cluster, stamp, progress);
        }
    }

    private record Checked(RecoverableWindow window, BackupRecord backup, String stanza, String stack) {}

    private static Checked checkWindow(ClusterConnection source, RestoreTarget target, ProgressListener progress) {
        long t0 = System.nanoTime();
        progress.on(new ProgressEvent("window", "Recoverable window", ProgressEvent.Status.STARTED, "", Duration.ZERO));
        RecoverableWindow window;
        String stanza;
        String stack;
        Optional<String> note;
        try (StackBackups backups = StackBackups.onLocalDocker(source)) {
            StackBackups.WindowRead read = backups.windowWithOrWithoutLeader();
            window = read.window();
            note = read.note();
            stanza = backups.stanza();
            stack = backups.stack();
        }
        note.ifPresent(n -> progress.on(new ProgressEvent(
                "window",
                "Recoverable window",
                ProgressEvent.Status.PROGRESS,
                n,
                Duration.ofNanos(System.nanoTime() - t0))));
        BackupRecord backup = window.backupFor(target).orElseThrow();
        progress.on(new ProgressEvent(
                "window",
                "Recoverable window",
                ProgressEvent.Status.DONE,
                window.describe() + "; " + target.describe() + " from backup " + backup.label(),
                Duration.ofNanos(System.nanoTime() - t0)));
        return new Checked(window, backup, stanza, stack);
    }

    private static String stackOf(ClusterConnection cluster) {
        return cluster.dockerStack()
                .orElseThrow(() -> PghaException.invalidInput(
                        "restore is for stacks pgha made (pgha up); " + cluster.name() + " was attached"));
    }

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
        Checked checked = checkWindow(source, target, progress);
        BackupRecord backup = checked.backup();
        RecoverableWindow window = checked.window();
        RestoreSeed seed = new RestoreSeed(
                checked.stack(), new PgBackRestRestore(checked.stanza(), backup.label(), target), RESTORE_LIMIT);
        try (StackProvisioner provisioner = StackProvisioner.onLocalDocker()) {
            UpResult up = provisioner.up(into, progress, new CreatedByRun(), Optional.of(seed));
            return new Restored(backup, window, up);
        }
    }
}
