package io.pgha.console.ui.metrics;

import io.pgha.console.service.DatabaseCounters;
import io.pgha.console.service.MetricsHistory;
import io.pgha.console.ui.common.UiExecutors;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.RouterBackend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

/**
 * The metrics screen: replication lag per replica, transactions per second and client connections per member, router
 * sessions per listener, over the chosen range. The past comes from the stack's Prometheus ({@link
 * MetricsHistoryViewModel}); what the console samples itself at the refresh interval is kept for the last {@link
 * #WINDOW} in bounded ring buffers and drawn after each line's newest point from Prometheus (its newest seconds), or
 * alone when there is no history. Lag and sessions come from the snapshot; transactions and connections of the primary
 * from {@link DatabaseCounters}, named after the primary like Prometheus's lines.
 */
public final class MetricsViewModel {

    public static final Duration WINDOW = Duration.ofMinutes(15);
    /** Enough for the window at the shortest refresh interval (1 s), with room for jitter. */
    static final int CAPACITY = (int) (WINDOW.toSeconds() * 11 / 10);

    private final Map<MetricChart, Map<String, TimeSeries>> charts = new EnumMap<>(MetricChart.class);
    private final ReadOnlyLongWrapper version = new ReadOnlyLongWrapper();
    private final ReadOnlyBooleanWrapper databaseCounters = new ReadOnlyBooleanWrapper();
    private final MetricsHistoryViewModel history;
    private Optional<DatabaseCounters> previousCounters = Optional.empty();
    private Optional<String> previousPrimary = Optional.empty();

    /** Live charts only, as for a cluster without Prometheus. */
    public MetricsViewModel() {
        this(MetricsHistoryViewModel.none());
    }

    /** @param history the cluster's Prometheus, read on the background executor while the screen is shown */
    public MetricsViewModel(Optional<MetricsHistory> history, UiExecutors executors, Clock clock) {
        this(new MetricsHistoryViewModel(history, executors, clock));
    }

    private MetricsViewModel(MetricsHistoryViewModel history) {
        this.history = history;
        for (MetricChart chart : MetricChart.values()) {
            charts.put(chart, new TreeMap<>());
        }
        history.versionProperty().addListener((o, a, b) -> version.set(version.get() + 1));
    }

    /** Adds one sample taken at {@code at}; called on the FX thread at the refresh interval. */
    public void record(Instant at, ClusterSnapshot snapshot, DatabaseCounters counters) {
        String leader = snapshot.leader().orElse("");
        for (Member m : snapshot.members()) {
            if (!m.name().equals(leader) && m.lagBytes().isPresent()) {
                series(MetricChart.REPLICATION_LAG, m.name())
                        .add(at, m.lagBytes().getAsLong());
            }
        }
        if (!snapshot.routerBackends().isEmpty()) {
            series(MetricChart.ROUTER_SESSIONS, "writes").add(at, sessions(snapshot, RouterBackend.WRITE_LISTENER));
            series(MetricChart.ROUTER_SESSIONS, "reads").add(at, sessions(snapshot, RouterBackend.READ_LISTENER));
        }
        Optional<String> primary = snapshot.leader();
        primary.ifPresent(p -> counters.connections()
                .ifPresent(c -> series(MetricChart.CONNECTIONS, p).add(counters.at(), c)));
        primary.ifPresent(p -> transactionRate(counters, p)
                .ifPresent(rate -> series(MetricChart.TRANSACTIONS, p).add(counters.at(), rate)));
        databaseCounters.set(databaseCounters.get()
                || counters.transactions().isPresent()
                || counters.connections().isPresent());
        previousCounters = Optional.of(counters);
        previousPrimary = primary;
        dropBefore(at.minus(WINDOW));
        version.set(version.get() + 1);
    }

    /**
     * Transactions per second between the previous sample and this one; none across a counter reset or a change of
     * primary (the two counters are then two servers').
     */
    private Optional<Double> transactionRate(DatabaseCounters now, String primary) {
        if (previousCounters.isEmpty()
                || now.transactions().isEmpty()
                || previousCounters.get().transactions().isEmpty()
                || !previousPrimary.equals(Optional.of(primary))) {
            return Optional.empty();
        }
        DatabaseCounters before = previousCounters.get();
        long delta = now.transactions().getAsLong() - before.transactions().getAsLong();
        double seconds = Duration.between(before.at(), now.at()).toMillis() / 1000.0;
        return delta >= 0 && seconds > 0 ? Optional.of(delta / seconds) : Optional.empty();
    }

    private static long sessions(ClusterSnapshot snapshot, String listener) {
        return snapshot.routerBackends().stream()
                .filter(b -> b.listener().equals(listener))
                .mapToLong(RouterBackend::currentSessions)
                .sum();
    }

    private TimeSeries series(MetricChart chart, String name) {
        return charts.get(chart).computeIfAbsent(name, n -> new TimeSeries(CAPACITY));
    }

    private void dropBefore(Instant oldest) {
        for (Map<String, TimeSeries> chart : charts.values()) {
            chart.values().forEach(s -> s.dropBefore(oldest));
            chart.values().removeIf(TimeSeries::isEmpty);
        }
    }

    /** What the console sampled for one chart, by line (replica, member, listener); read on the FX thread. */
    public Map<String, TimeSeries> series(MetricChart chart) {
        return Collections.unmodifiableMap(charts.get(chart));
    }

    /**
     * One chart's lines over the chosen range, oldest point first: each line's history from Prometheus, then what the
     * console sampled after the newest point of it; what the console sampled alone for lines without history. The range
     * ends at the chart's newest point. Read on the FX thread after a version change.
     */
    public Map<String, List<TimeSeries.Point>> lines(MetricChart chart) {
        Map<String, List<TimeSeries.Point>> past = history.lines(chart);
        Map<String, TimeSeries> live = charts.get(chart);
        long newest = Math.max(
                newest(past.values().stream()
                        .filter(l -> !l.isEmpty())
                        .map(List::getLast)
                        .toList()),
                newest(live.values().stream().map(TimeSeries::last).toList()));
        Map<String, List<TimeSeries.Point>> lines = new TreeMap<>();
        if (newest == Long.MIN_VALUE) {
            return lines;
        }
        long oldest = newest - history.rangeProperty().get().span().toMillis();
        TreeSet<String> names = new TreeSet<>(past.keySet());
        names.addAll(live.keySet());
        for (String name : names) {
            List<TimeSeries.Point> before = past.getOrDefault(name, List.of());
            long after = before.isEmpty() ? Long.MIN_VALUE : before.getLast().epochMillis();
            List<TimeSeries.Point> line = new ArrayList<>();
            before.stream().filter(p -> p.epochMillis() >= oldest).forEach(line::add);
            Optional.ofNullable(live.get(name))
                    .ifPresent(s -> s.points().stream()
                            .filter(p -> p.epochMillis() > after && p.epochMillis() >= oldest)
                            .forEach(line::add));
            if (!line.isEmpty()) {
                lines.put(name, line);
            }
        }
        return lines;
    }

    private static long newest(List<TimeSeries.Point> lastPoints) {
        return lastPoints.stream()
                .mapToLong(TimeSeries.Point::epochMillis)
                .max()
                .orElse(Long.MIN_VALUE);
    }

    /** The chosen range, the note when there is no history, and when the screen is shown (history is read only then). */
    public MetricsHistoryViewModel history() {
        return history;
    }

    /** Increments with every sample, history answer and range change, so views redraw only when something changed. */
    public ReadOnlyLongProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    /** Whether any transaction or connection counters have arrived (else those charts explain why not). */
    public ReadOnlyBooleanProperty databaseCountersProperty() {
        return databaseCounters.getReadOnlyProperty();
    }
}
