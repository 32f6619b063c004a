package io.pgha.runtime.usecase;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.prometheus.PrometheusClient;
import io.pgha.runtime.prometheus.Series;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A cluster's history as its Prometheus keeps it, for the console's charts and `pgha status --metrics` alike. A cluster
 * without a Prometheus has none: callers show live figures only, and say so.
 */
public final class ClusterHistory {

    private static final Duration ASK = Duration.ofSeconds(5);

    private final PrometheusClient prometheus;
    private final Clock clock;

    ClusterHistory(PrometheusClient prometheus, Clock clock) {
        this.prometheus = prometheus;
        this.clock = clock;
    }

    /** The history of the cluster, when it has a Prometheus. */
    public static Optional<ClusterHistory> of(ClusterConnection connection) {
        return connection
                .prometheus()
                .map(url -> new ClusterHistory(new PrometheusClient(url, ASK, connection.caFile()), Clock.systemUTC()));
    }

    public String source() {
        return prometheus.baseUrl();
    }

    /** Each line of the metric over the range ending now, by its name (member, listener), oldest sample first. */
    public Map<String, List<HistoryPoint>> range(HistoryMetric metric, HistoryRange range) {
        Instant end = clock.instant();
        Map<String, List<HistoryPoint>> lines = new TreeMap<>();
        for (Series s : prometheus.range(metric.query(range.step()), end.minus(range.span()), end, range.step())) {
            List<HistoryPoint> points = s.samples().stream()
                    .map(p -> new HistoryPoint(p.at(), p.value()))
                    .toList();
            lines.merge(metric.seriesName(s.labels()), points, (a, b) -> a.size() >= b.size() ? a : b);
        }
        return lines;
    }

    /** Each line's value now. */
    public Map<String, Double> now(HistoryMetric metric) {
        Map<String, Double> values = new TreeMap<>();
        for (Series s : prometheus.instant(metric.query())) {
            if (!s.samples().isEmpty()) {
                values.put(metric.seriesName(s.labels()), s.samples().getLast().value());
            }
        }
        return values;
    }

    /** Every scrape target with its health, e.g. postgres pg-0-exporter:9187 up. */
    public List<Map<String, String>> targets() {
        return prometheus.targets();
    }
}
