package io.pgha.console.ui.drills;

import java.util.List;

/** The write gaps of one run for the chart: x seconds since the fault, y seconds since the previous acknowledged write. */
public record GapSeries(String name, List<Point> points) {

    public GapSeries {
        points = List.copyOf(points);
    }

    public record Point(double seconds, double gapSeconds) {}
}
