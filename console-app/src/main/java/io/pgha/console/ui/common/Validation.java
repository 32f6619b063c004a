package io.pgha.console.ui.common;

import java.util.Arrays;

/** Runs a check and turns its refusal into the message shown under a field. */
public final class Validation {

    private Validation() {}

    /**
     * The check's message when it throws one of the refusals (or IllegalArgumentException), else "".
     * Other exceptions are bugs and pass through.
     */
    @SafeVarargs
    public static String problem(Runnable check, Class<? extends RuntimeException>... refusals) {
        try {
            check.run();
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            if (Arrays.stream(refusals).anyMatch(r -> r.isInstance(e))) {
                return e.getMessage();
            }
            throw e;
        }
    }
}
