package io.pgha.console.testing;

import io.pgha.console.service.MetricsHistory;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.usecase.HistoryMetric;
import io.pgha.runtime.usecase.HistoryPoint;
import io.pgha.runtime.usecase.HistoryRange;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Prometheus as the stack's would answer: every line the runtime's queries give (replicas' lag, each member's
 * transactions and client backends, the router's two listeners) over the whole range asked, one sample per step, waving
 * gently; or, after {@link #fail}, the error of one that does not answer. Records what was asked.
 */
public final class FakeMetricsHistory implements MetricsHistory {

    public static final String SOURCE = "http://127.0.0.1:9090";

    private final Clock clock;
    private final Shape shape;
    private final List<HistoryRange> asked = new CopyOnWriteArrayList<>();
    private volatile Optional<String> failure = Optional.empty();

    /** The value of one line at one moment. */
    @FunctionalInterface
    public interface Shape {
        double value(HistoryMetric metric, String line, Instant at);
    }

    public FakeMetricsHistory(Clock clock) {
        this(clock, FakeMetricsHistory::gentle);
    }

    public FakeMetricsHistory(Clock clock, Shape shape) {
        this.clock = clock;
        this.shape = shape;
    }

    /** Every following read fails like a Prometheus that is not running. */
    public void fail() {
        failure = Optional.of("cannot connect to Prometheus at " + SOURCE
                + ": is the stack's pg-prometheus container running" + " and its port published?");
    }

    public void answer() {
        failure = Optional.empty();
    }

    /** The ranges read so far, one entry per chart. */
    public List<HistoryRange> asked() {
        return List.copyOf(asked);
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public Map<String, List<HistoryPoint>> range(HistoryMetric metric, HistoryRange range) {
        asked.add(range);
        if (failure.isPresent()) {
            throw PghaException.unavailable(failure.get());
        }
        Map<String, List<HistoryPoint>> lines = new TreeMap<>();
        for (String line : lines(metric)) {
            lines.put(line, samples(metric, line, range));
        }
        return lines;
    }

    private static List<String> lines(HistoryMetric metric) {
        return switch (metric) {
            case REPLICATION_LAG -> List.of("pg-1", "pg-2");
            case TRANSACTIONS, CONNECTIONS -> List.of("pg-0", "pg-1", "pg-2");
            case ROUTER_SESSIONS -> List.of("writes", "reads");
        };
    }

    /** Around a plausible figure, each line waving with its own phase over ten minutes. */
    private static double gentle(HistoryMetric metric, String line, Instant at) {
        double base = switch (metric) {
            case REPLICATION_LAG -> 60_000;
            case TRANSACTIONS -> 400;
            case CONNECTIONS -> 24;
            case ROUTER_SESSIONS -> 12;
        };
        return Math.round(base * (1 + 0.5 * Math.sin(at.getEpochSecond() / 600.0 + line.hashCode() % 7)));
    }

    /** One sample per step from the range's start to now; the newest one scrape (15 s) old, like Prometheus's. */
    private List<HistoryPoint> samples(HistoryMetric metric, String line, HistoryRange range) {
        Instant end = clock.instant().minusSeconds(15);
        List<HistoryPoint> samples = new ArrayList<>();
        for (Instant t = end.minus(range.span()).plus(range.step()); !t.isAfter(end); t = t.plus(range.step())) {
            samples.add(new HistoryPoint(t, shape.value(metric, line, t)));
        }
        return samples;
    }
}
