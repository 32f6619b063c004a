package io.pgha.runtime.usecase;

/**
 * What the charts and {@code pgha status --metrics} read from the stack's Prometheus, as PromQL over what the
 * postgres-exporters and HAProxy expose; {@code seriesLabel} names each line (a member, a listener).
 */
public enum HistoryMetric {
    /** Bytes each replica's replay is behind the primary's WAL, as the primary's pg_stat_replication says. */
    REPLICATION_LAG("replication lag", "bytes", "max by (application_name) (pg_stat_replication_pg_wal_lsn_diff)", "application_name"),
    /** Transactions committed and rolled back per second, per member. */
    TRANSACTIONS("transactions", "per second", "sum by (member) (rate(pg_stat_database_xact_commit[1m]))"
            + " + sum by (member) (rate(pg_stat_database_xact_rollback[1m]))", "member"),
    /** Backends connected to each member's databases. */
    CONNECTIONS("connections", "backends", "sum by (member) (pg_stat_database_numbackends)", "member"),
    /** Sessions open on the router's write (primary) and read (replicas) listeners. */
    ROUTER_SESSIONS("router sessions", "sessions", "sum by (proxy) (haproxy_frontend_current_sessions{proxy=~\"primary|replicas\"})",
            "proxy");

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

    public String query() {
        return query;
    }

    /** The name of one line of the chart: the member, or "writes"/"reads" for the router's listeners. */
    public String seriesName(java.util.Map<String, String> labels) {
        String value = labels.getOrDefault(seriesLabel, "");
        if (this == ROUTER_SESSIONS) {
            return "primary".equals(value) ? "writes" : "replicas".equals(value) ? "reads" : value;
        }
        return value.isEmpty() ? title : value;
    }
}
