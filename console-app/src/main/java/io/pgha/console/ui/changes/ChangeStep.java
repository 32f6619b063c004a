package io.pgha.console.ui.changes;

import io.pgha.console.ui.common.Tone;

/**
 * One step of a day-two plan as the dialog lists it: the CLI's plan line ("2. replace container of replica pg-2: new
 * container of image …") and what became of it.
 *
 * @param line   the step as {@code --dry-run} prints it, numbered, with its cost
 * @param status where it is
 * @param detail its latest progress line, its time, or why it failed
 */
public record ChangeStep(String line, Status status, String detail) {

    /** Where a step is. */
    public enum Status {
        PLANNED("planned"),
        RUNNING("running"),
        DONE("done"),
        FAILED("failed"),
        NOT_DONE("not done");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Tone tone() {
        return switch (status) {
            case PLANNED, NOT_DONE -> Tone.UNKNOWN;
            case RUNNING -> Tone.PLANNED;
            case DONE -> Tone.OK;
            case FAILED -> Tone.FAIL;
        };
    }

    ChangeStep with(Status next, String nextDetail) {
        return new ChangeStep(line, next, nextDetail);
    }
}
