package io.pgha.runtime.provision;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.provision.ProgressEvent.Status;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/** Runs named steps, telling the listener when each starts and how it ended, with its elapsed time. */
final class Steps {

    /** What a step returns: its value and the message to show (SKIPPED when nothing had to be done). */
    record Outcome<T>(T value, String message, boolean skipped) {
        static <T> Outcome<T> done(T value, String message) {
            return new Outcome<>(value, message, false);
        }

        static <T> Outcome<T> skipped(T value, String message) {
            return new Outcome<>(value, message, true);
        }
    }

    private final ProgressListener listener;

    Steps(ProgressListener listener) {
        this.listener = listener;
    }

    <T> T run(String step, String title, Supplier<Outcome<T>> work) {
        long start = System.nanoTime();
        listener.on(new ProgressEvent(step, title, Status.STARTED, "", Duration.ZERO));
        try {
            Outcome<T> outcome = work.get();
            listener.on(new ProgressEvent(
                    step, title, outcome.skipped() ? Status.SKIPPED : Status.DONE, outcome.message(), since(start)));
            return outcome.value();
        } catch (PghaException e) {
            listener.on(new ProgressEvent(step, title, Status.FAILED, e.getMessage(), since(start)));
            throw e;
        }
    }

    <T> T run(String step, String title, Supplier<T> work, Function<T, String> message) {
        return run(step, title, () -> {
            T value = work.get();
            return Outcome.done(value, message.apply(value));
        });
    }

    /** A progress line within a running step, e.g. pull progress. */
    void progress(String step, String title, String message) {
        listener.on(new ProgressEvent(step, title, Status.PROGRESS, message, Duration.ZERO));
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
