package io.pgha.console.wiring;

import io.pgha.console.service.MetricsHistory;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.usecase.ClusterHistory;
import io.pgha.runtime.usecase.HistoryMetric;
import io.pgha.runtime.usecase.HistoryPoint;
import io.pgha.runtime.usecase.HistoryRange;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The charts' history over the runtime's {@link ClusterHistory}: the stack's Prometheus, for clusters made by `pgha up`. */
final class RuntimeMetricsHistory implements MetricsHistory {

    private final ClusterHistory history;

    private RuntimeMetricsHistory(ClusterHistory history) {
        this.history = history;
    }

    /** The cluster's history, when it has a Prometheus. */
    static Optional<MetricsHistory> of(ClusterConnection connection) {
        return ClusterHistory.of(connection).map(RuntimeMetricsHistory::new);
    }

    @Override
    public String source() {
        return history.source();
    }

    @Override
    public Map<String, List<HistoryPoint>> range(HistoryMetric metric, HistoryRange range) {
        return history.range(metric, range);
    }
}
