package io.pgha.console.ui.metrics;

import java.time.Duration;

/**
 * The spans the charts offer, with the time axis each draws: minutes ago up to an hour, hours ago beyond.
 *
 * @param label    what the range choice shows
 * @param axisUnit the length of one unit of the time axis
 * @param axisTick the distance between ticks of the time axis, in its unit
 */
public enum ChartRange {
    MINUTES_15("15 min", Duration.ofMinutes(15), Duration.ofMinutes(1), 5),
    HOUR_1("1 h", Duration.ofHours(1), Duration.ofMinutes(1), 10),
    HOURS_6("6 h", Duration.ofHours(6), Duration.ofHours(1), 1),
    HOURS_24("24 h", Duration.ofHours(24), Duration.ofHours(1), 4);

    private final String label;
    private final Duration span;
    private final Duration axisUnit;
    private final double axisTick;

    ChartRange(String label, Duration span, Duration axisUnit, double axisTick) {
        this.label = label;
        this.span = span;
        this.axisUnit = axisUnit;
        this.axisTick = axisTick;
    }

    public String label() {
        return label;
    }

    public Duration span() {
        return span;
    }

    /** How far back the time axis reaches, in its unit (15 minutes, 6 hours …). */
    public double axisLength() {
        return (double) span.toMillis() / axisUnit.toMillis();
    }

    public double axisTick() {
        return axisTick;
    }

    public long axisUnitMillis() {
        return axisUnit.toMillis();
    }

    /** The time axis's title. */
    public String axisTitle() {
        return axisUnit.equals(Duration.ofHours(1)) ? "hours ago" : "minutes ago";
    }
}
