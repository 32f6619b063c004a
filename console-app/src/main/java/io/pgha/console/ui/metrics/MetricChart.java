package io.pgha.console.ui.metrics;

/** The charts of the metrics screen. */
public enum MetricChart {
    REPLICATION_LAG("Replication lag", "bytes"),
    TRANSACTIONS("Transactions per second", "tx/s"),
    CONNECTIONS("Connections", "backends"),
    ROUTER_SESSIONS("Router sessions", "sessions");

    private final String title;
    private final String unit;

    MetricChart(String title, String unit) {
        this.title = title;
        this.unit = unit;
    }

    public String title() {
        return title;
    }

    public String unit() {
        return unit;
    }
}
