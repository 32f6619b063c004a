package io.pgha.console.ui.logs;

import io.pgha.console.service.ContainerLogs;
import io.pgha.console.service.LogLine;
import io.pgha.console.ui.common.BatchRelay;
import io.pgha.console.ui.common.UiExecutors;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.ContainerInfo;
import io.pgha.runtime.model.Member;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The logs screen: tails one container of the stack into a bounded buffer and searches it. Lines arrive
 * on the log source's thread and reach the FX thread in batches.
 */
public final class LogsViewModel implements AutoCloseable {

    public static final int CAPACITY = 5000;
    static final int INITIAL_LINES = 500;

    private final ContainerLogs logs;
    private final UiExecutors executors;
    private final ObservableList<String> containers = FXCollections.observableArrayList();
    private final ObjectProperty<Optional<String>> container = new SimpleObjectProperty<>(Optional.empty());
    private final ObservableList<LogLine> lines = FXCollections.observableArrayList();
    private final FilteredList<LogLine> shown = new FilteredList<>(lines);
    private final StringProperty search = new SimpleStringProperty("");
    private final BooleanProperty follow = new SimpleBooleanProperty(true);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("choose a container");
    private final ArrayDeque<LogLine> whileHidden = new ArrayDeque<>();
    private boolean showing = true;
    private ContainerLogs.Tail tail;
    private long generation;

    public LogsViewModel(ContainerLogs logs, UiExecutors executors) {
        this.logs = logs;
        this.executors = executors;
        container.addListener((o, before, after) -> restart(after));
        search.addListener((o, a, b) -> refilter());
    }

    /**
     * Keeps the container list in step with the cluster (containers when Docker is known, else members); the
     * first time there is one, the leader's log (else the first container's) is shown without a click.
     */
    public void apply(ClusterSnapshot snapshot) {
        TreeSet<String> names = new TreeSet<>();
        snapshot.containers().stream().map(ContainerInfo::name).forEach(names::add);
        if (names.isEmpty()) {
            snapshot.members().stream().map(Member::name).forEach(names::add);
        }
        if (!containers.equals(List.copyOf(names))) {
            containers.setAll(names);
        }
        if (container.get().isEmpty() && !names.isEmpty()) {
            container.set(Optional.of(snapshot.leader().filter(names::contains).orElse(names.first())));
        }
    }

    private void restart(Optional<String> name) {
        stopTail();
        lines.clear();
        whileHidden.clear();
        long mine = ++generation;
        if (name.isEmpty()) {
            status.set("choose a container");
            return;
        }
        status.set("connecting to " + name.get() + " …");
        BatchRelay<LogLine> relay = new BatchRelay<>(executors.fx(), batch -> {
            if (mine == generation) {
                append(batch);
            }
        });
        executors.supply(
                () -> logs.tail(
                        name.get(),
                        INITIAL_LINES,
                        relay,
                        failure -> executors.fx().execute(() -> {
                            if (mine == generation) {
                                status.set("the log of " + name.get() + " stopped: " + failure.getMessage());
                            }
                        })),
                started -> {
                    if (mine == generation) {
                        tail = started;
                        status.set("following " + name.get());
                    } else {
                        started.close();
                    }
                },
                failure -> {
                    if (mine == generation) {
                        status.set("cannot read the log of " + name.get() + ": " + failure.getMessage());
                    }
                });
    }

    /**
     * Called on the FX thread when the screen is shown or hidden. While hidden, lines are kept aside, not added to the
     * list: every change to a list view's items costs a layout and a repaint of the window, and Patroni alone logs a
     * line every loop (2 s), which made an idle console with the Logs tab visited once repaint all day.
     */
    public void showing(boolean now) {
        showing = now;
        if (now && !whileHidden.isEmpty()) {
            List<LogLine> kept = List.copyOf(whileHidden);
            whileHidden.clear();
            append(kept);
        }
    }

    void append(List<LogLine> batch) {
        if (!follow.get()) {
            return;
        }
        if (!showing) {
            whileHidden.addAll(batch);
            while (whileHidden.size() > CAPACITY) {
                whileHidden.removeFirst();
            }
            return;
        }
        int overflow = lines.size() + batch.size() - CAPACITY;
        if (overflow > 0) {
            lines.remove(0, Math.min(overflow, lines.size()));
        }
        lines.addAll(batch.size() > CAPACITY ? batch.subList(batch.size() - CAPACITY, batch.size()) : batch);
    }

    private void refilter() {
        String needle = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
        shown.setPredicate(
                needle.isEmpty() ? null : l -> l.text().toLowerCase(Locale.ROOT).contains(needle));
    }

    private void stopTail() {
        if (tail != null) {
            ContainerLogs.Tail closing = tail;
            tail = null;
            executors.background().execute(closing::close);
        }
    }

    @Override
    public void close() {
        generation++;
        stopTail();
    }

    public ObservableList<String> containers() {
        return containers;
    }

    public ObjectProperty<Optional<String>> containerProperty() {
        return container;
    }

    /** The lines that match the search, oldest first. */
    public ObservableList<LogLine> lines() {
        return shown;
    }

    public int bufferedLines() {
        return lines.size();
    }

    public StringProperty searchProperty() {
        return search;
    }

    /** While off, new lines are dropped so the user can read without the view moving. */
    public BooleanProperty followProperty() {
        return follow;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
