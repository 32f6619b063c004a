package io.pgha.runtime.provision;

import io.pgha.runtime.PghaException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a check until it yields a value or a deadline passes; the timeout says what was last seen. */
public final class Poll {

    /** The outcome of one look: a value when the wait is over, else what was seen. */
    public record Seen<T>(Optional<T> value, String state) {
        public static <T> Seen<T> done(T value) {
            return new Seen<>(Optional.of(value), "");
        }

        public static <T> Seen<T> notYet(String state) {
            return new Seen<>(Optional.empty(), state);
        }
    }

    private Poll() {}

    /** Until {@code check} yields a value; {@code state} says what was seen when the deadline passes. */
    public static <T> T until(
            String what, Duration timeout, Duration interval, Supplier<Optional<T>> check, Supplier<String> state) {
        return until(
                what, timeout, interval, () -> check.get().map(Seen::done).orElseGet(() -> Seen.notYet(state.get())));
    }

    /** Until {@code condition} holds; {@code state} says what was seen when the deadline passes. */
    public static void until(
            String what, Duration timeout, Duration interval, BooleanSupplier condition, Supplier<String> state) {
        until(what, timeout, interval, () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty(), state);
    }

    /** Looks until what it saw is {@code enough} or the deadline passes; returns the last look either way. */
    public static <T> T lastLook(Duration timeout, Duration interval, Supplier<T> look, Predicate<T> enough) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T seen = look.get();
            if (enough.test(seen) || System.nanoTime() > deadline) {
                return seen;
            }
            pause(interval, "looking again");
        }
    }

    public static <T> T until(String what, Duration timeout, Duration interval, Supplier<Seen<T>> check) {
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
            pause(interval, "waiting until " + what);
        }
    }

    private static void pause(Duration interval, String what) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PghaException.timeout("interrupted while " + what);
        }
    }
}
