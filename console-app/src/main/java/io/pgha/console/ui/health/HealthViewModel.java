package io.pgha.console.ui.health;

import io.pgha.console.ui.common.Tone;
import io.pgha.runtime.model.ClusterSnapshot;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/** The health screen: every check of the latest snapshot, failing first, filterable by text and status. */
public final class HealthViewModel {

    private final ObservableList<HealthRow> all = FXCollections.observableArrayList();
    private final FilteredList<HealthRow> shown = new FilteredList<>(all);
    private final StringProperty text = new SimpleStringProperty("");
    private final ObjectProperty<StatusFilter> status = new SimpleObjectProperty<>(StatusFilter.ALL);
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper("no checks yet");

    public HealthViewModel() {
        text.addListener((o, a, b) -> refilter());
        status.addListener((o, a, b) -> refilter());
    }

    public void apply(ClusterSnapshot snapshot) {
        List<HealthRow> rows = snapshot.checks().stream()
                .map(HealthRow::of)
                .sorted(HealthRow.FAILING_FIRST)
                .toList();
        if (!rows.equals(all)) {
            all.setAll(rows);
        }
        Map<Tone, Long> byTone = rows.stream().collect(Collectors.groupingBy(HealthRow::tone, Collectors.counting()));
        counts.set(
                rows.isEmpty()
                        ? "no checks yet"
                        : byTone.getOrDefault(Tone.FAIL, 0L) + " failing · " + byTone.getOrDefault(Tone.WARN, 0L)
                                + " warning · " + byTone.getOrDefault(Tone.UNKNOWN, 0L) + " unknown · "
                                + byTone.getOrDefault(Tone.OK, 0L) + " passing");
    }

    private void refilter() {
        String needle = text.get() == null ? "" : text.get().strip();
        StatusFilter filter = status.get() == null ? StatusFilter.ALL : status.get();
        shown.setPredicate(r -> filter.accepts(r.tone()) && (needle.isEmpty() || r.matches(needle)));
    }

    public ObservableList<HealthRow> rows() {
        return shown;
    }

    public StringProperty textFilter() {
        return text;
    }

    public ObjectProperty<StatusFilter> statusFilter() {
        return status;
    }

    public ReadOnlyStringProperty countsProperty() {
        return counts.getReadOnlyProperty();
    }

    /** The worst tone of any check, for the tab's badge. */
    public Tone worst() {
        return all.stream().map(HealthRow::tone).reduce(Tone.OK, Tone::worse);
    }
}
