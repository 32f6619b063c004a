package io.pgha.runtime.usecase;

import java.time.Duration;
import java.util.Map;

/**
 * What the charts and {@code pgha status --metrics} read from the stack's Prometheus, as PromQL over what the
 * postgres-exporters (0.17, job {@code postgres}, a {@code member} label per node) and HAProxy's built-in exporter (job
 * {@code router}) publish; {@code seriesLabel} names each line (a member, a listener). Checked against a running stack:
 * each query's metric and label names are the ones those exporters publish.
 */
public enum HistoryMetric {
    /** Bytes each replica's replay is behind the primary's WAL, as the primary's pg_stat_replication says. */
    REPLICATION_LAG(
            "replication lag",
            "bytes",
            "max by (application_name) (pg_stat_replication_pg_wal_lsn_diff)",
            "application_name"),
    /** Transactions committed and rolled back per second, per member. */
    TRANSACTIONS(
            "transactions",
            "per second",
            "sum by (member) (rate(pg_stat_database_xact_commit[WINDOW]))"
                    + " + sum by (member) (rate(pg_stat_database_xact_rollback[WINDOW]))",
            "member"),
    /**
     * Client backends of each member (what the console's live chart counts on the primary: pg_stat_activity's
     * {@code client backend}s, without Patroni's walsenders and PostgreSQL's own workers).
     */
    CONNECTIONS(
            "connections",
            "client backends",
            "sum by (member) (pg_stat_activity_count{backend_type=\"client backend\"})",
            "member"),
    /** Sessions open on the router's write (primary) and read (replicas) listeners. */
    ROUTER_SESSIONS(
            "router sessions",
            "sessions",
            "sum by (proxy) (haproxy_frontend_current_sessions{proxy=~\"primary|replicas\"})",
            "proxy");

    /** The shortest window a rate is taken over: four scrapes at the stack's 15 s. */
    static final Duration SHORTEST_RATE_WINDOW = Duration.ofMinutes(1);

    private final String title;
    private final String unit;
    private final String query;
    private final String seriesLabel;

    HistoryMetric(String title, String unit, String query, String seriesLabel) {
        this.title = title;
        this.unit = unit;
        this.query = query;
        this.seriesLabel = seriesLabel;
    }

    public String title() {
        return title;
    }

    public String unit() {
        return unit;
    }

    /** The query for one value now (rates over the last minute). */
    public String query() {
        return query(SHORTEST_RATE_WINDOW);
    }

    /**
     * The query for samples {@code step} apart: rates over the step (at least a minute), so that a day at one sample per
     * 5 minutes still counts every transaction rather than the last minute of each 5.
     */
    public String query(Duration step) {
        Duration window = step.compareTo(SHORTEST_RATE_WINDOW) > 0 ? step : SHORTEST_RATE_WINDOW;
        return query.replace("WINDOW", window.toSeconds() + "s");
    }

    /** The name of one line of the chart: the member, or "writes"/"reads" for the router's listeners. */
    public String seriesName(Map<String, String> labels) {
        String value = labels.getOrDefault(seriesLabel, "");
        if (this == ROUTER_SESSIONS) {
            return "primary".equals(value) ? "writes" : "replicas".equals(value) ? "reads" : value;
        }
        return value.isEmpty() ? title : value;
    }
}
