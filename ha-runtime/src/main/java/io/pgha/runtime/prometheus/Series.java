package io.pgha.runtime.prometheus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One time series of a query's answer: its labels and its samples, oldest first. */
public record Series(Map<String, String> labels, List<Sample> samples) {

    public record Sample(Instant at, double value) {}

    public Series {
        labels = Map.copyOf(labels);
        samples = List.copyOf(samples);
    }

    public String label(String name) {
        return labels.getOrDefault(name, "");
    }
}
