package io.pgha.console.ui.metrics;

/** The charts of the metrics screen. */
public enum MetricChart {
    REPLICATION_LAG("Replication lag", "lag behind the primary"),
    TRANSACTIONS("Transactions per second", "transactions / s"),
    CONNECTIONS("Connections", "client backends"),
    ROUTER_SESSIONS("Router sessions", "open sessions");

    private final String title;
    private final String unit;

    MetricChart(String title, String unit) {
        this.title = title;
        this.unit = unit;
    }

    public String title() {
        return title;
    }

    /** The value axis's title, with its unit. */
    public String unit() {
        return unit;
    }
}
