package io.pgha.console.ui.health;

import io.pgha.console.ui.common.Tone;

/** Which checks the health table shows. */
public enum StatusFilter {
    ALL("All checks"),
    PROBLEMS("Problems"),
    FAILING("Failing"),
    PASSING("Passing");

    private final String label;

    StatusFilter(String label) {
        this.label = label;
    }

    boolean accepts(Tone tone) {
        return switch (this) {
            case ALL -> true;
            case PROBLEMS -> tone != Tone.OK;
            case FAILING -> tone == Tone.FAIL;
            case PASSING -> tone == Tone.OK;
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
