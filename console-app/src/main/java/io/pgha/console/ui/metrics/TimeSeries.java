package io.pgha.console.ui.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A bounded ring buffer of timestamped values: adding to a full one drops the oldest point, so memory
 * stays constant however long the console runs.
 */
public final class TimeSeries {

    private final long[] times;
    private final double[] values;
    private int start;
    private int size;

    public TimeSeries(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        times = new long[capacity];
        values = new double[capacity];
    }

    public void add(Instant at, double value) {
        int index = (start + size) % times.length;
        times[index] = at.toEpochMilli();
        values[index] = value;
        if (size < times.length) {
            size++;
        } else {
            start = (start + 1) % times.length;
        }
    }

    /** Drops points older than the given instant. */
    public void dropBefore(Instant oldest) {
        long limit = oldest.toEpochMilli();
        while (size > 0 && times[start] < limit) {
            start = (start + 1) % times.length;
            size--;
        }
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return times.length;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The points, oldest first. */
    public List<Point> points() {
        List<Point> points = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int index = (start + i) % times.length;
            points.add(new Point(times[index], values[index]));
        }
        return points;
    }

    public Point last() {
        if (size == 0) {
            throw new IllegalStateException("empty series");
        }
        int index = (start + size - 1) % times.length;
        return new Point(times[index], values[index]);
    }

    /** @param epochMillis when the value was sampled */
    public record Point(long epochMillis, double value) {}
}
