package io.pgha.runtime.stack;

/**
 * The stack's prometheus.yml: every PostgreSQL exporter, HAProxy's /metrics, the supervisor's and Prometheus itself, by their names on the
 * stack network, every 15 s (what the console's charts and `pgha status --metrics` read back).
 */
final class PrometheusRenderer {

    public static final String CONFIG_FILE = "prometheus/prometheus.yml";
    public static final String CONFIG_PATH = "/etc/prometheus/prometheus.yml";

    private PrometheusRenderer() {}

    public static String render(StackSpec spec) {
        StackLayout layout = StackLayout.of(spec);
        StringBuilder y = new StringBuilder("""
                # Prometheus of the pgha stack: the PostgreSQL exporters, HAProxy's /metrics, the supervisor and Prometheus itself.
                # Rendered from a StackSpec by `pgha export-compose`.
                global:
                  scrape_interval: 15s
                  scrape_timeout: 5s
                  external_labels:
                """);
        y.append("    stack: ").append(spec.name()).append('\n');
        y.append("""
                scrape_configs:
                  - job_name: postgres
                    static_configs:
                """);
        for (String node : layout.pgNodes()) {
            y.append("      - targets: ['")
                    .append(node)
                    .append("-exporter:9187']\n")
                    .append("        labels: {member: ")
                    .append(node)
                    .append("}\n");
        }
        y.append("""
                  - job_name: router
                    metrics_path: /metrics
                    static_configs:
                      - targets: ['pg-router:8404']
                  - job_name: prometheus
                    static_configs:
                      - targets: ['127.0.0.1:9090']
                """);
        if (spec.fastPaths().supervisor()) {
            y.append("  - job_name: supervisor\n    static_configs:\n      - targets: ['")
                    .append(StackLayout.SUPERVISOR)
                    .append(':')
                    .append(StackLayout.SUPERVISOR_METRICS_PORT)
                    .append("']\n");
        }
        return y.toString();
    }
}
