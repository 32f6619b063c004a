package io.pgha.console.testing;

import io.pgha.console.service.MetricsHistory;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.prometheus.Series;
import io.pgha.runtime.usecase.HistoryMetric;
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
    private final List<HistoryRange> asked = new CopyOnWriteArrayList<>();
    private volatile Optional<String> failure = Optional.empty();

    public FakeMetricsHistory(Clock clock) {
        this.clock = clock;
    }

    /** Every following read fails like a Prometheus that is not running. */
    public void fail() {
        failure = Optional.of("cannot connect to Prometheus at " + SOURCE + ": is the stack's pg-prometheus container running"
                + " and its port published?");
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
    public Map<String, List<Series.Sample>> range(HistoryMetric metric, HistoryRange range) {
        asked.add(range);
        if (failure.isPresent()) {
            throw PghaException.unavailable(failure.get());
        }
        Map<String, List<Series.Sample>> lines = new TreeMap<>();
        for (String line : lines(metric)) {
            lines.put(line, samples(range, line.hashCode() % 7, base(metric)));
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

    private static double base(HistoryMetric metric) {
        return switch (metric) {
            case REPLICATION_LAG -> 60_000;
            case TRANSACTIONS -> 400;
            case CONNECTIONS -> 24;
            case ROUTER_SESSIONS -> 12;
        };
    }

    /** One sample per step from the range's start to now; the newest one scrape (15 s) old, like Prometheus's. */
    private List<Series.Sample> samples(HistoryRange range, int phase, double base) {
        Instant end = clock.instant().minusSeconds(15);
        List<Series.Sample> samples = new ArrayList<>();
        for (Instant t = end.minus(range.span()).plus(range.step()); !t.isAfter(end); t = t.plus(range.step())) {
            double wave = Math.sin(t.getEpochSecond() / 600.0 + phase);
            samples.add(new Series.Sample(t, Math.round(base * (1 + 0.5 * wave))));
        }
        return samples;
    }
}
