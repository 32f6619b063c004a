package io.pgha.console.ui.events;

import io.pgha.runtime.model.ClusterEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;
import javafx.collections.transformation.FilteredList;

/**
 * The events timeline: the journal and live events, newest first, bounded, filterable by kind and by the
 * node they are about. Also feeds the events strip under the topology.
 */
public final class EventsViewModel {

    public static final int CAPACITY = 2000;
    public static final int STRIP_SIZE = 4;
    static final Comparator<ClusterEvent> NEWEST_FIRST =
            Comparator.comparing(ClusterEvent::at).reversed();

    private final ObservableList<EventRow> all = FXCollections.observableArrayList();
    private final FilteredList<EventRow> filtered = new FilteredList<>(all);
    private final ObservableList<EventRow> latest = FXCollections.observableArrayList();
    private final ObservableSet<ClusterEvent.Kind> kinds = FXCollections.observableSet();
    private final ObjectProperty<Optional<String>> subject = new SimpleObjectProperty<>(Optional.empty());
    private final ObservableList<String> subjects = FXCollections.observableArrayList();

    public EventsViewModel() {
        kinds.addListener((SetChangeListener<ClusterEvent.Kind>) c -> refilter());
        subject.addListener((o, a, b) -> refilter());
    }

    /** Adds events (from the journal or live), in any order; keeps the newest {@link #CAPACITY}. */
    public void add(Collection<ClusterEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<ClusterEvent> merged = new ArrayList<>(all.size() + events.size());
        all.forEach(r -> merged.add(r.event()));
        merged.addAll(events);
        List<EventRow> rows = merged.stream()
                .distinct()
                .sorted(NEWEST_FIRST)
                .limit(CAPACITY)
                .map(EventRow::of)
                .toList();
        all.setAll(rows);
        List<EventRow> newest = rows.subList(0, Math.min(STRIP_SIZE, rows.size()));
        if (!newest.equals(latest)) {
            // the strip under the topology rebuilds its lines on every change: only when its events differ
            latest.setAll(newest);
        }
        TreeSet<String> names = new TreeSet<>(subjects);
        events.forEach(e -> names.add(e.subject()));
        if (names.size() != subjects.size()) {
            subjects.setAll(names);
        }
    }

    private void refilter() {
        Predicate<EventRow> byKind =
                r -> kinds.isEmpty() || kinds.contains(r.event().kind());
        Predicate<EventRow> bySubject =
                r -> subject.get().map(r.subject()::equals).orElse(true);
        filtered.setPredicate(byKind.and(bySubject));
    }

    /** Every event, newest first, as filtered. */
    public ObservableList<EventRow> rows() {
        return filtered;
    }

    /** The few newest events, unfiltered, for the strip. */
    public ObservableList<EventRow> latest() {
        return latest;
    }

    /** The kinds to show; empty shows all. */
    public ObservableSet<ClusterEvent.Kind> kindFilter() {
        return kinds;
    }

    /** The node to show events of; empty shows all. */
    public ObjectProperty<Optional<String>> subjectFilter() {
        return subject;
    }

    /** Every subject seen, for the node picker. */
    public ObservableList<String> subjects() {
        return subjects;
    }

    public int size() {
        return all.size();
    }
}
