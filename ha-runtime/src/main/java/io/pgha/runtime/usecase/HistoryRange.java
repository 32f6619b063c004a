package io.pgha.runtime.usecase;

import java.time.Duration;

/** The spans the console's charts offer, each with a step that keeps a chart at a few hundred points. */
public enum HistoryRange {
    MINUTES_15("15 min", Duration.ofMinutes(15), Duration.ofSeconds(15)),
    HOUR_1("1 h", Duration.ofHours(1), Duration.ofSeconds(15)),
    HOURS_6("6 h", Duration.ofHours(6), Duration.ofMinutes(1)),
    HOURS_24("24 h", Duration.ofHours(24), Duration.ofMinutes(5));

    private final String label;
    private final Duration span;
    private final Duration step;

    HistoryRange(String label, Duration span, Duration step) {
        this.label = label;
        this.span = span;
        this.step = step;
    }

    public String label() {
        return label;
    }

    public Duration span() {
        return span;
    }

    public Duration step() {
        return step;
    }
}
