package io.pgha.console.fx;

import com.sun.glass.ui.Timer;

/**
 * JavaFX's pulse timer, with a pause that works: while Quantum has paused it (nothing animates, no pulse asked for
 * 250 ms), the underlying glass timer ticks every {@link #RESTING_PERIOD_MS} instead of at the pulse rate, and at the
 * pulse rate again the moment Quantum resumes it. Glass on GTK implements pause and resume as no-ops, so without this
 * an idle window wakes the FX thread 30 times a second. It rests instead of stopping so that a resume lost to a race
 * in Quantum (a pulse requested from another thread while it decides to pause) costs at most one resting period.
 * Quantum calls pause and resume under this timer's lock (they are synchronized in {@link Timer}).
 */
final class RestingPulseTimer extends Timer {

    /** The tick while paused: 4 wake-ups a second instead of 30. */
    static final int RESTING_PERIOD_MS = 250;

    private final Timer inner;
    private int period;
    private boolean resting;

    RestingPulseTimer(Runnable pulse, Timer inner) {
        super(pulse);
        this.inner = inner;
    }

    @Override
    protected long _start(Runnable runnable) {
        throw new UnsupportedOperationException("a vsync timer is left to glass");
    }

    @Override
    protected long _start(Runnable runnable, int period) {
        this.period = period;
        resting = false;
        inner.start(period);
        return 1;
    }

    @Override
    protected void _stop(long ptr) {
        inner.stop();
    }

    @Override
    protected void _pause(long ptr) {
        if (!resting) {
            resting = true;
            inner.start(Math.max(period, RESTING_PERIOD_MS));
        }
    }

    @Override
    protected void _resume(long ptr) {
        if (resting) {
            resting = false;
            inner.start(period);
        }
    }

    /** Whether the timer ticks at the resting period now (for tests). */
    synchronized boolean resting() {
        return resting;
    }
}
