package io.pgha.console.service;

import io.pgha.runtime.usecase.HistoryMetric;
import io.pgha.runtime.usecase.HistoryPoint;
import io.pgha.runtime.usecase.HistoryRange;
import java.util.List;
import java.util.Map;

/**
 * A cluster's metrics over a past range, as the stack's Prometheus keeps them. A cluster without a Prometheus (an
 * attached one) has none: its charts show only what the console collected since it opened.
 */
public interface MetricsHistory {

    /** Where the history comes from (Prometheus's URL), for the note shown when it does not answer. */
    String source();

    /**
     * Each line of the metric (a member, a listener) over the range ending now, oldest sample first. Blocks for the
     * network; throws a {@link io.pgha.runtime.PghaException} when Prometheus does not answer.
     */
    Map<String, List<HistoryPoint>> range(HistoryMetric metric, HistoryRange range);
}
