package io.pgha.console.service;

import io.pgha.runtime.backup.BackupRecord;
import io.pgha.runtime.backup.BackupType;
import io.pgha.runtime.backup.RestoreTarget;
import io.pgha.runtime.provision.ProgressEvent;
import io.pgha.runtime.usecase.StackRestore;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The backups of one open cluster (ha-runtime's {@code StackBackups}, as {@code pgha backup} and {@code pgha status} use
 * them, and its {@code StackRestore}, as {@code pgha restore} does): the repository and the archive read, a backup taken
 * now, a restore into a new stack or in place. The calls that reach Docker block (Docker execs in the leader's
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

    /**
     * A name no known cluster has and ports free now for a stack restored from this one's backups; binds sockets, so
     * off the FX thread.
     */
    RestoreInto restoreDefaults();

    /** What keeps a restore into that new stack from starting: the name taken or invalid, ports in use. Quick. */
    List<SpecProblem> check(RestoreInto into);

    /** What an in-place restore stops, removes, replaces and keeps, one line each (for its warning). */
    List<String> inPlaceEffects();

    /**
     * Restores the backups at {@code target} ({@code pgha restore}, ha-runtime's {@code StackRestore}): into a new stack
     * when {@code into} is given, else the cluster itself rebuilt in place. Checks the target against the recoverable
     * window before anything is made or stopped. Blocks for the whole restore; progress arrives on the calling thread.
     *
     * @throws io.pgha.runtime.PghaException INVALID_INPUT for a target outside the window, CONFLICT for a name taken,
     *                                       UNAVAILABLE or TIMEOUT when a step fails (the message says what to do)
     */
    StackRestore.Restored restore(RestoreTarget target, Optional<RestoreInto> into, Consumer<ProgressEvent> progress);

    /** A cluster whose backups are not pgha's: it attached to it rather than made it. */
    ClusterBackups ATTACHED = new ClusterBackups() {
        @Override
        public BackupsState read() {
            return new BackupsState.Off(BackupsState.Why.ATTACHED);
        }

        @Override
        public BackupRecord now(BackupType type) {
            throw refusal();
        }

        @Override
        public RestoreInto restoreDefaults() {
            throw refusal();
        }

        @Override
        public List<SpecProblem> check(RestoreInto into) {
            return List.of(new SpecProblem(SpecProblem.GENERAL, refusal().getMessage()));
        }

        @Override
        public List<String> inPlaceEffects() {
            return List.of();
        }

        @Override
        public StackRestore.Restored restore(
                RestoreTarget target, Optional<RestoreInto> into, Consumer<ProgressEvent> progress) {
            throw refusal();
        }

        private static io.pgha.runtime.PghaException refusal() {
            return io.pgha.runtime.PghaException.invalidInput(
                    "backups are for stacks pgha made (pgha up); this cluster was attached");
        }
    };
}
