package io.pgha.runtime.cli;

import io.pgha.runtime.usecase.ClusterHistory;
import io.pgha.runtime.usecase.HistoryMetric;
import io.pgha.runtime.usecase.HistoryPoint;
import io.pgha.runtime.usecase.HistoryRange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** `pgha status --metrics`: the figures the console charts, now and over the last 15 minutes, from the stack's Prometheus. */
final class HistoryText {

    private HistoryText() {}

    /** metric -> line -> {now, min, max} over the range. */
    static Map<String, Map<String, Map<String, Double>>> figures(ClusterHistory history, HistoryRange range) {
        Map<String, Map<String, Map<String, Double>>> all = new LinkedHashMap<>();
        for (HistoryMetric metric : HistoryMetric.values()) {
            Map<String, Map<String, Double>> lines = new LinkedHashMap<>();
            for (Map.Entry<String, List<HistoryPoint>> line :
                    history.range(metric, range).entrySet()) {
                List<HistoryPoint> samples = line.getValue();
                if (samples.isEmpty()) {
                    continue;
                }
                Map<String, Double> f = new LinkedHashMap<>();
                f.put("now", samples.getLast().value());
                f.put(
                        "min",
                        samples.stream().mapToDouble(HistoryPoint::value).min().orElse(0));
                f.put(
                        "max",
                        samples.stream().mapToDouble(HistoryPoint::value).max().orElse(0));
                lines.put(line.getKey(), f);
            }
            all.put(metric.name().toLowerCase(Locale.ROOT), lines);
        }
        return all;
    }

    static String render(ClusterHistory history, HistoryRange range) {
        StringBuilder sb = new StringBuilder("\nhistory (" + history.source() + ", last " + range.label() + "):\n");
        TextTable table = new TextTable("Metric", "Line", "Now", "Min", "Max");
        Map<String, Map<String, Map<String, Double>>> figures = figures(history, range);
        for (HistoryMetric metric : HistoryMetric.values()) {
            Map<String, Map<String, Double>> lines = figures.get(metric.name().toLowerCase(Locale.ROOT));
            if (lines.isEmpty()) {
                table.row(metric.title() + " (" + metric.unit() + ")", "no data yet", "", "", "");
            }
            lines.forEach((line, f) -> table.row(
                    metric.title() + " (" + metric.unit() + ")",
                    line,
                    number(f.get("now")),
                    number(f.get("min")),
                    number(f.get("max"))));
        }
        return sb.append(table.render("  ")).toString();
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15
                ? String.format(Locale.ROOT, "%d", (long) v)
                : String.format(Locale.ROOT, "%.2f", v);
    }
}
