package io.pgha.console.ui.metrics;

/**
 * The upper bound and tick spacing of a chart's value axis, from zero. JavaFX's automatic ranging gives
 * a single "0 B" tick while every value is zero and quarter sessions for small counts.
 *
 * @param upper the axis's upper bound, at least the largest value
 * @param tick  the distance between ticks
 */
record AxisScale(double upper, double tick) {

    static final int TICKS = 4;
    private static final double SMALLEST_BYTE_TICK = 256;

    /** Bytes: ticks at powers of two (256 B, 512 B, 1 KiB …), so every tick label is a round binary size. */
    static AxisScale bytes(double max) {
        double tick = SMALLEST_BYTE_TICK;
        while (tick * TICKS < max) {
            tick *= 2;
        }
        return new AxisScale(tick * TICKS, tick);
    }

    /** Whole things (sessions, backends): ticks at whole 1, 2 or 5 × 10ⁿ, never fractions. */
    static AxisScale counts(double max) {
        double tick = 1;
        for (double decade = 1; tick * TICKS < max; decade *= 10) {
            for (double step : new double[] {1, 2, 5}) {
                tick = step * decade;
                if (tick * TICKS >= max) {
                    break;
                }
            }
        }
        return new AxisScale(Math.max(tick, Math.ceil(max / tick) * tick), tick);
    }
}
