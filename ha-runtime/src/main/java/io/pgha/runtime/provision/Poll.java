package io.pgha.runtime.provision;

import io.pgha.runtime.PghaException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Polls a check until it yields a value or a deadline passes; the timeout says what was last seen. */
final class Poll {

    /** The outcome of one look: a value when the wait is over, else what was seen. */
    record Seen<T>(Optional<T> value, String state) {
        static <T> Seen<T> done(T value) {
            return new Seen<>(Optional.of(value), "");
        }

        static <T> Seen<T> notYet(String state) {
            return new Seen<>(Optional.empty(), state);
        }
    }

    private Poll() {}

    static <T> T until(String what, Duration timeout, Duration interval, Supplier<Seen<T>> check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Seen<T> seen;
        while (true) {
            seen = check.get();
            if (seen.value().isPresent()) {
                return seen.value().get();
            }
            if (System.nanoTime() > deadline) {
                throw PghaException.timeout(what + " did not happen within " + timeout.toSeconds() + " s (last seen: "
                        + seen.state() + ")");
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PghaException.timeout("interrupted while waiting until " + what);
            }
        }
    }
}
