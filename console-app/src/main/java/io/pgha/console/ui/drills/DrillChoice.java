package io.pgha.console.ui.drills;

/**
 * A drill the picker offers.
 *
 * @param id          its command-line name, as {@code pgha drill} takes it
 * @param description what the fault is, in plain words
 */
public record DrillChoice(String id, String description) {

    @Override
    public String toString() {
        return id;
    }
}
