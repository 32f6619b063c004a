package io.pgha.console.ui.metrics;

import io.pgha.console.service.MetricsHistory;
import io.pgha.console.ui.common.UiExecutors;
import io.pgha.runtime.usecase.HistoryMetric;
import io.pgha.runtime.usecase.HistoryPoint;
import io.pgha.runtime.usecase.HistoryRange;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The charts' past: the range they span and each chart's lines over it as the stack's Prometheus keeps them. Read on
 * the background executor when the range changes and then once per step of the range (15 s for the last hour, 5 min
 * for a day), only while the metrics screen is shown. Without a Prometheus (an attached cluster), or while it does not
 * answer, there are no lines, the charts show what the console collected, and {@link #noteProperty()} says so.
 */
public final class MetricsHistoryViewModel implements AutoCloseable {

    /** What the charts show without history. */
    public static final String LIVE_ONLY =
            "History needs the stack's Prometheus; showing what was collected since the console opened.";
    /** How soon a read that failed is tried again, whatever the range's step. */
    static final Duration RETRY = Duration.ofSeconds(15);

    private final Optional<MetricsHistory> source;
    private final UiExecutors executors;
    private final Clock clock;
    private final ObjectProperty<ChartRange> range = new SimpleObjectProperty<>(ChartRange.MINUTES_15);
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper rangeChoosable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyLongWrapper version = new ReadOnlyLongWrapper();
    private Map<MetricChart, Map<String, List<TimeSeries.Point>>> lines = new EnumMap<>(MetricChart.class);
    private boolean shown;
    private boolean closed;
    /** Bumped whenever reading restarts or stops, so that only the newest chain of reads schedules the next one. */
    private long chain;

    private long lastReadMillis = -1;
    private ScheduledFuture<?> pending;

    /** @param source the cluster's Prometheus; without one the range stays at what the console keeps (15 minutes) */
    public MetricsHistoryViewModel(Optional<MetricsHistory> source, UiExecutors executors, Clock clock) {
        this.source = source;
        this.executors = executors;
        this.clock = clock;
        rangeChoosable.set(source.isPresent());
        note.set(source.isPresent() ? "" : LIVE_ONLY);
        range.addListener((o, before, after) -> {
            if (after == null) {
                range.set(before);
                return;
            }
            lastReadMillis = -1;
            version.set(version.get() + 1);
            restart();
        });
    }

    /** A cluster without Prometheus: never reads anything. */
    static MetricsHistoryViewModel none() {
        return new MetricsHistoryViewModel(Optional.empty(), null, Clock.systemUTC());
    }

    /** Called on the FX thread when the metrics screen is shown or hidden: nothing is read while it is hidden. */
    public void shown(boolean showing) {
        if (showing != shown) {
            shown = showing;
            restart();
        }
    }

    private void restart() {
        chain++;
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
        if (shown && !closed && source.isPresent()) {
            long due = lastReadMillis < 0 ? 0 : Math.max(0, lastReadMillis + step().toMillis() - clock.millis());
            readIn(due, chain);
        }
    }

    private void readIn(long delayMillis, long ofChain) {
        ChartRange chosen = range.get();
        pending = executors.background().schedule(() -> read(ofChain, chosen), delayMillis, TimeUnit.MILLISECONDS);
    }

    /** On the background executor: every chart's lines, or the first failure. */
    private void read(long ofChain, ChartRange chosen) {
        Map<MetricChart, Map<String, List<TimeSeries.Point>>> answer = new EnumMap<>(MetricChart.class);
        try {
            for (MetricChart chart : MetricChart.values()) {
                answer.put(chart, points(source.orElseThrow().range(metric(chart), historyRange(chosen))));
            }
        } catch (RuntimeException e) {
            executors.fx().execute(() -> failed(ofChain, chosen, e));
            return;
        }
        executors.fx().execute(() -> arrived(ofChain, chosen, answer));
    }

    private void arrived(
            long ofChain, ChartRange chosen, Map<MetricChart, Map<String, List<TimeSeries.Point>>> answer) {
        if (closed) {
            return;
        }
        if (chosen == range.get()) {
            lines = answer;
            lastReadMillis = clock.millis();
            note.set("");
            version.set(version.get() + 1);
        }
        next(ofChain, step());
    }

    private void failed(long ofChain, ChartRange chosen, RuntimeException e) {
        if (closed) {
            return;
        }
        if (chosen == range.get()) {
            lines = new EnumMap<>(MetricChart.class);
            note.set(LIVE_ONLY + " " + reason(e));
            version.set(version.get() + 1);
        }
        next(ofChain, RETRY);
    }

    private void next(long ofChain, Duration delay) {
        if (ofChain == chain && shown && !closed) {
            readIn(delay.toMillis(), ofChain);
        }
    }

    private Duration step() {
        return historyRange(range.get()).step();
    }

    private static String reason(RuntimeException e) {
        String message = e.getMessage() == null || e.getMessage().isBlank()
                ? e.getClass().getSimpleName()
                : e.getMessage().strip();
        message = Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return message.matches(".*[.?!]$") ? message : message + ".";
    }

    private static Map<String, List<TimeSeries.Point>> points(Map<String, List<HistoryPoint>> answer) {
        Map<String, List<TimeSeries.Point>> points = new TreeMap<>();
        answer.forEach((name, samples) -> points.put(
                name,
                samples.stream()
                        .map(s -> new TimeSeries.Point(s.at().toEpochMilli(), s.value()))
                        .toList()));
        return points;
    }

    static HistoryMetric metric(MetricChart chart) {
        return switch (chart) {
            case REPLICATION_LAG -> HistoryMetric.REPLICATION_LAG;
            case TRANSACTIONS -> HistoryMetric.TRANSACTIONS;
            case CONNECTIONS -> HistoryMetric.CONNECTIONS;
            case ROUTER_SESSIONS -> HistoryMetric.ROUTER_SESSIONS;
        };
    }

    static HistoryRange historyRange(ChartRange range) {
        return switch (range) {
            case MINUTES_15 -> HistoryRange.MINUTES_15;
            case HOUR_1 -> HistoryRange.HOUR_1;
            case HOURS_6 -> HistoryRange.HOURS_6;
            case HOURS_24 -> HistoryRange.HOURS_24;
        };
    }

    /** One chart's lines from the last answer, by name (member, listener), oldest point first; read on the FX thread. */
    public Map<String, List<TimeSeries.Point>> lines(MetricChart chart) {
        return Collections.unmodifiableMap(lines.getOrDefault(chart, Map.of()));
    }

    /** The span the charts show; only a cluster with a Prometheus offers more than the 15 minutes the console keeps. */
    public ObjectProperty<ChartRange> rangeProperty() {
        return range;
    }

    public ReadOnlyBooleanProperty rangeChoosableProperty() {
        return rangeChoosable.getReadOnlyProperty();
    }

    /** Why the charts show only what the console collected; empty while the history is shown. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    /** Increments with every answer and range change, so views redraw only then. */
    public ReadOnlyLongProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    /** Stops reading; an answer under way is dropped. */
    @Override
    public void close() {
        closed = true;
        restart();
    }
}
