package io.pgha.runtime.ops;

import io.pgha.runtime.PghaException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an operation achieved, as later snapshots confirmed it, or why it was refused or failed.
 *
 * @param operation  the request's operation ("switchover", …)
 * @param target     the member it acted on (resolved), or "cluster"
 * @param parameters the request's parameters as text (no secrets)
 * @param message    one sentence for the user: what happened, or why not
 * @param notes      further facts (warnings shown, a restart now pending, the old leader not yet streaming …)
 * @param took       from the request until the outcome was confirmed (or the refusal or failure)
 * @param failure    the kind of failure, for anything but SUCCEEDED, SCHEDULED and NOTHING_TO_DO
 */
public record OperationResult(
        String operation,
        String target,
        Map<String, String> parameters,
        Outcome outcome,
        String message,
        List<String> notes,
        Instant startedAt,
        Duration took,
        Optional<PghaException.Kind> failure) {

    /** How an operation ended. */
    public enum Outcome {
        /** Done, and later snapshots show it. */
        SUCCEEDED,
        /** Patroni accepted it for later (a scheduled switchover), and the DCS shows it. */
        SCHEDULED,
        /** The cluster already was as asked; nothing was sent. */
        NOTHING_TO_DO,
        /** A precondition did not hold; nothing was sent. */
        REFUSED,
        /** Patroni or Docker refused or failed, or could not be reached. */
        FAILED,
        /** Sent, but the outcome was not seen within the operation's timeout. */
        TIMED_OUT
    }

    public OperationResult {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(target, "target");
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
        notes = List.copyOf(notes);
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(failure, "failure");
    }

    public boolean ok() {
        return outcome == Outcome.SUCCEEDED || outcome == Outcome.SCHEDULED || outcome == Outcome.NOTHING_TO_DO;
    }

    /** This result, or the {@link PghaException} that says why the operation did not happen. */
    public OperationResult orThrow() {
        if (ok()) {
            return this;
        }
        String what = switch (outcome) {
            case REFUSED -> operation + " refused: ";
            case TIMED_OUT -> operation + " not confirmed in time: ";
            default -> operation + " failed: ";
        };
        throw new PghaException(failure.orElse(PghaException.Kind.UNAVAILABLE), what + message);
    }
}
