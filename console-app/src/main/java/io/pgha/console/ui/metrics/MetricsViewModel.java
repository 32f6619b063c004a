package io.pgha.console.ui.metrics;

import io.pgha.console.service.DatabaseCounters;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Member;
import io.pgha.runtime.model.RouterBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

/**
 * The metrics screen: live series of replication lag per replica, transactions per second, connections and
 * router sessions over the last {@link #WINDOW}, kept in bounded ring buffers. Lag and sessions come from
 * the snapshot; transactions and connections from {@link DatabaseCounters} (the extension point for
 * exporter or pgjdbc data), and stay empty until a source gives them.
 */
public final class MetricsViewModel {

    public static final Duration WINDOW = Duration.ofMinutes(15);
    /** Enough for the window at the shortest refresh interval (1 s), with room for jitter. */
    static final int CAPACITY = (int) (WINDOW.toSeconds() * 11 / 10);

    private final Map<MetricChart, Map<String, TimeSeries>> charts = new EnumMap<>(MetricChart.class);
    private final ReadOnlyLongWrapper version = new ReadOnlyLongWrapper();
    private final ReadOnlyBooleanWrapper databaseCounters = new ReadOnlyBooleanWrapper();
    private Optional<DatabaseCounters> previousCounters = Optional.empty();

    public MetricsViewModel() {
        for (MetricChart chart : MetricChart.values()) {
            charts.put(chart, new TreeMap<>());
        }
    }

    /** Adds one sample taken at {@code at}; called on the FX thread at the refresh interval. */
    public void record(Instant at, ClusterSnapshot snapshot, DatabaseCounters counters) {
        String leader = snapshot.leader().orElse("");
        for (Member m : snapshot.members()) {
            if (!m.name().equals(leader) && m.lagBytes().isPresent()) {
                series(MetricChart.REPLICATION_LAG, m.name()).add(at, m.lagBytes().getAsLong());
            }
        }
        if (!snapshot.routerBackends().isEmpty()) {
            series(MetricChart.ROUTER_SESSIONS, "writes").add(at, sessions(snapshot, RouterBackend.WRITE_LISTENER));
            series(MetricChart.ROUTER_SESSIONS, "reads").add(at, sessions(snapshot, RouterBackend.READ_LISTENER));
        }
        counters.connections().ifPresent(c -> series(MetricChart.CONNECTIONS, "client backends on the primary").add(counters.at(), c));
        transactionRate(counters).ifPresent(rate -> series(MetricChart.TRANSACTIONS, "transactions").add(counters.at(), rate));
        databaseCounters.set(databaseCounters.get() || counters.transactions().isPresent() || counters.connections().isPresent());
        previousCounters = Optional.of(counters);
        dropBefore(at.minus(WINDOW));
        version.set(version.get() + 1);
    }

    /** Transactions per second between the previous sample and this one; none across a counter reset. */
    private Optional<Double> transactionRate(DatabaseCounters now) {
        if (previousCounters.isEmpty() || now.transactions().isEmpty() || previousCounters.get().transactions().isEmpty()) {
            return Optional.empty();
        }
        DatabaseCounters before = previousCounters.get();
        long delta = now.transactions().getAsLong() - before.transactions().getAsLong();
        double seconds = Duration.between(before.at(), now.at()).toMillis() / 1000.0;
        return delta >= 0 && seconds > 0 ? Optional.of(delta / seconds) : Optional.empty();
    }

    private static long sessions(ClusterSnapshot snapshot, String listener) {
        return snapshot.routerBackends().stream().filter(b -> b.listener().equals(listener))
                .mapToLong(RouterBackend::currentSessions).sum();
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

    /** The series of one chart by name (replica, listener …); read on the FX thread after a version change. */
    public Map<String, TimeSeries> series(MetricChart chart) {
        return Collections.unmodifiableMap(charts.get(chart));
    }

    /** Increments with every sample, so views redraw only when something was added. */
    public ReadOnlyLongProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    /** Whether any transaction or connection counters have arrived (else those charts explain why not). */
    public ReadOnlyBooleanProperty databaseCountersProperty() {
        return databaseCounters.getReadOnlyProperty();
    }
}
