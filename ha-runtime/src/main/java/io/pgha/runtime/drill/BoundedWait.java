package io.pgha.runtime.drill;

import io.pgha.runtime.PghaException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The waits of a drill or a chaos run: a condition polled every 100 ms until it holds or a limit passes, given up at
 * once when the run is cancelled or its thread interrupted (both end it with a {@link PghaException} of kind REFUSED).
 */
public final class BoundedWait {

    private static final long POLL_MILLIS = 100;

    private final String run;
    private final String who;
    private final BooleanSupplier cancelled;

    /**
     * @param run what is running, for messages: "the drill", "the chaos run"
     * @param who how it gives up, for the timeout message: "drill", "chaos"
     */
    public BoundedWait(String run, String who, BooleanSupplier cancelled) {
        this.run = run;
        this.who = who;
        this.cancelled = cancelled;
    }

    /** Waits until {@code condition} holds; a timeout names {@code what} it waited for. */
    public void until(String what, Duration limit, BooleanSupplier condition) {
        if (!quietly(limit, condition)) {
            throw PghaException.timeout(who + " gave up waiting for " + what + " after " + limit.toSeconds() + " s");
        }
    }

    /** Whether {@code condition} held within {@code limit}. */
    public boolean quietly(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                throw PghaException.refused(run + " was cancelled");
            }
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS); // polling period of a bounded wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PghaException.refused(run + " was interrupted");
            }
        }
    }
}
