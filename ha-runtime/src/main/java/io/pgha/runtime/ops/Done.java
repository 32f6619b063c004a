package io.pgha.runtime.ops;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.ops.OperationResult.Outcome;
import java.util.List;
import java.util.Optional;

/** How an execution ended, before the timing and the request are added to make an {@link OperationResult}. */
record Done(Outcome outcome, String message, List<String> notes, Optional<PghaException.Kind> failure) {

    Done {
        notes = List.copyOf(notes);
    }

    static Done succeeded(String message, List<String> notes) {
        return new Done(Outcome.SUCCEEDED, message, notes, Optional.empty());
    }

    static Done scheduled(String message) {
        return new Done(Outcome.SCHEDULED, message, List.of(), Optional.empty());
    }

    static Done nothingToDo(String message) {
        return new Done(Outcome.NOTHING_TO_DO, message, List.of(), Optional.empty());
    }

    static Done refused(String reason, List<String> notes) {
        return new Done(Outcome.REFUSED, reason, notes, Optional.of(PghaException.Kind.REFUSED));
    }

    static Done failed(PghaException e) {
        Outcome outcome = e.kind() == PghaException.Kind.TIMEOUT && e instanceof NotConfirmed
                ? Outcome.TIMED_OUT
                : Outcome.FAILED;
        return new Done(outcome, e.getMessage(), List.of(), Optional.of(e.kind()));
    }

    /** The outcome was not seen in time: the action was sent, so the cluster may still get there. */
    static final class NotConfirmed extends PghaException {
        NotConfirmed(String message) {
            super(Kind.TIMEOUT, message);
        }
    }
}
