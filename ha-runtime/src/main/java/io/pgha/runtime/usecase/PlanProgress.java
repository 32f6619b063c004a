package io.pgha.runtime.usecase;

import io.pgha.runtime.apply.PlanStep;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What {@link ApplyStack#run} reports while a plan runs, step by step: the CLI prints it as lines ({@link #lines}), the
 * console shows each step's state (docs/decisions/0040). Called on the thread that runs the plan.
 */
public interface PlanProgress {

    /** Step {@code index} (0-based) of {@code total} starts. */
    void started(int index, int total, PlanStep step);

    /** A line of what step {@code index} does now ("waiting for pg-3 to stream"). */
    void line(int index, int total, String line);

    /** Step {@code index} ended well after {@code took}. */
    void done(int index, int total, Duration took);

    /**
     * Step {@code index} failed with {@code reason}; the plan stops, {@code notDone} (that step and those after it) did
     * not run.
     */
    void failed(int index, int total, String reason, List<PlanStep> notDone);

    /** One report of {@link PlanProgress}, for a listener written as one lambda. */
    sealed interface Event {
        int index();

        int total();
    }

    record Started(int index, int total, PlanStep step) implements Event {}

    record Line(int index, int total, String line) implements Event {}

    record Done(int index, int total, Duration took) implements Event {}

    record Failed(int index, int total, String reason, List<PlanStep> notDone) implements Event {
        public Failed {
            notDone = List.copyOf(notDone);
        }
    }

    /** Every report as an {@link Event} to {@code events}. */
    static PlanProgress events(Consumer<Event> events) {
        return new PlanProgress() {
            @Override
            public void started(int index, int total, PlanStep step) {
                events.accept(new Started(index, total, step));
            }

            @Override
            public void line(int index, int total, String line) {
                events.accept(new Line(index, total, line));
            }

            @Override
            public void done(int index, int total, Duration took) {
                events.accept(new Done(index, total, took));
            }

            @Override
            public void failed(int index, int total, String reason, List<PlanStep> notDone) {
                events.accept(new Failed(index, total, reason, notDone));
            }
        };
    }

    /** The CLI's lines: "[2/4] replace container of replica pg-2: …", its lines indented, "[2/4] done in 12.3 s". */
    static PlanProgress lines(Consumer<String> out) {
        return new PlanProgress() {
            @Override
            public void started(int index, int total, PlanStep step) {
                out.accept(prefix(index, total) + step.describe());
            }

            @Override
            public void line(int index, int total, String line) {
                out.accept(index < 0 ? line : prefix(index, total) + "  " + line);
            }

            @Override
            public void done(int index, int total, Duration took) {
                out.accept(prefix(index, total) + "done in " + seconds(took));
            }

            @Override
            public void failed(int index, int total, String reason, List<PlanStep> notDone) {
                // the CLI prints the exception's message, which says the same
            }
        };
    }

    private static String prefix(int index, int total) {
        return "[" + (index + 1) + "/" + total + "] ";
    }

    /** "12.3 s". */
    static String seconds(Duration took) {
        return String.format(Locale.ROOT, "%.1f s", took.toMillis() / 1000.0);
    }
}
