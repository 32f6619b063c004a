package io.pgha.runtime.stack;

import io.pgha.runtime.PghaException;

/**
 * HAProxy's health-check timing for the Patroni endpoints: how often it asks, and how many answers in a
 * row flip a server. A zero fastinter or downinter leaves HAProxy's default (the inter).
 */
public record RouterChecks(int interMs, int fastInterMs, int downInterMs, int fall, int rise) {

    /** The tuned timing of docs/decisions/0002. */
    public static final RouterChecks FAST = new RouterChecks(1000, 500, 1000, 2, 1);

    /** The seed stack's timing, kept for side-by-side benchmarks. */
    public static final RouterChecks SEED = new RouterChecks(3000, 0, 0, 3, 2);

    public RouterChecks {
        if (interMs < 100 || fastInterMs < 0 || downInterMs < 0) {
            throw PghaException.invalidInput(
                    "router check intervals must be at least 100 ms (inter " + interMs + " ms)");
        }
        if (fall < 1 || rise < 1) {
            throw PghaException.invalidInput("router checks need fall and rise of at least 1");
        }
    }

    /** The default-server timing words of haproxy.cfg. */
    public String haproxyTiming() {
        StringBuilder s = new StringBuilder("inter ").append(ms(interMs));
        if (fastInterMs > 0) {
            s.append(" fastinter ").append(ms(fastInterMs));
        }
        if (downInterMs > 0) {
            s.append(" downinter ").append(ms(downInterMs));
        }
        return s.append(" fall ").append(fall).append(" rise ").append(rise).toString();
    }

    private static String ms(int value) {
        return value % 1000 == 0 ? value / 1000 + "s" : value + "ms";
    }
}
