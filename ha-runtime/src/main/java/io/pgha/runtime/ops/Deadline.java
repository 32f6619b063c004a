package io.pgha.runtime.ops;

import java.time.Duration;
import java.time.Instant;

/** When an operation stops waiting for its outcome, and the timeout that set it (for messages). */
record Deadline(Instant at, Duration timeout) {

    static Deadline after(Instant start, Duration timeout) {
        return new Deadline(start.plus(timeout), timeout);
    }

    boolean passed(Instant now) {
        return !now.isBefore(at);
    }

    /** A shorter deadline for an optional last step, never past this one. */
    Deadline atMost(Instant now, Duration d) {
        Instant shorter = now.plus(d);
        return shorter.isBefore(at) ? new Deadline(shorter, d) : this;
    }
}
