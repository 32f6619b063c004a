package io.pgha.console.ui.settings;

import io.pgha.console.service.ConfigPreview;
import io.pgha.console.service.DynamicConfigEditing;
import io.pgha.console.ui.common.Notice;
import io.pgha.console.ui.common.Notifier;
import io.pgha.console.ui.common.UiExecutors;
import io.pgha.runtime.model.ClusterSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The dynamic Patroni configuration editor: the cluster's configuration as dotted keys, edits kept until
 * previewed (diff and validation by the runtime) and applied.
 */
public final class DynamicConfigViewModel {

    private final DynamicConfigEditing editing;
    private final UiExecutors executors;
    private final Notifier notifier;
    private final ObservableList<ConfigEntry> entries = FXCollections.observableArrayList();
    private final Map<String, String> edits = new LinkedHashMap<>();
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper edited = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper weakening = new ReadOnlyStringWrapper("");
    private Map<String, String> awaitingConfirmation = Map.of();
    private Map<String, String> current = Map.of();

    public DynamicConfigViewModel(DynamicConfigEditing editing, UiExecutors executors, Notifier notifier) {
        this.editing = editing;
        this.executors = executors;
        this.notifier = notifier;
    }

    public void apply(ClusterSnapshot snapshot) {
        Map<String, String> flat = flatten(snapshot.dynamicConfig());
        if (flat.equals(current)) {
            return;
        }
        current = flat;
        refreshEntries();
    }

    public void edit(String key, String value) {
        if (value.equals(current.get(key))) {
            edits.remove(key);
        } else {
            edits.put(key, value);
        }
        refreshEntries();
    }

    public void discard() {
        edits.clear();
        preview.set("");
        refreshEntries();
    }

    public void preview() {
        Map<String, String> changes = Map.copyOf(edits);
        executors.supply(
                () -> editing.preview(changes),
                p -> preview.set(describe(p)),
                failure -> preview.set("cannot preview: " + failure.getMessage()));
    }

    /**
     * Applies the edits; one that weakens durability or security is not sent but waits for
     * {@link #confirmWeakening()} (the view asks, showing {@link #weakeningProperty()}).
     */
    public void applyEdits() {
        Map<String, String> changes = Map.copyOf(edits);
        executors.supply(
                () -> editing.preview(changes),
                p -> {
                    if (p.valid() && !p.weakenings().isEmpty()) {
                        awaitingConfirmation = changes;
                        preview.set(describe(p));
                        weakening.set(String.join("\n", p.weakenings()));
                    } else {
                        send(changes, false);
                    }
                },
                failure ->
                        notifier.show(Notice.error("Configuration not changed", String.valueOf(failure.getMessage()))));
    }

    /** The user saw what the change weakens and wants it anyway. */
    public void confirmWeakening() {
        Map<String, String> changes = awaitingConfirmation;
        awaitingConfirmation = Map.of();
        weakening.set("");
        if (!changes.isEmpty()) {
            send(changes, true);
        }
    }

    /** The user does not want what the change weakens: nothing is sent, the edits stay. */
    public void cancelWeakening() {
        awaitingConfirmation = Map.of();
        weakening.set("");
    }

    /** What the change waiting for a confirmation weakens, one line each; empty when none waits. */
    public ReadOnlyStringProperty weakeningProperty() {
        return weakening.getReadOnlyProperty();
    }

    private void send(Map<String, String> changes, boolean confirmed) {
        executors.supply(
                () -> editing.apply(changes, confirmed),
                outcome -> {
                    edits.clear();
                    preview.set("");
                    refreshEntries();
                    notifier.show(Notice.success("Configuration changed", outcome.summary()));
                },
                failure ->
                        notifier.show(Notice.error("Configuration not changed", String.valueOf(failure.getMessage()))));
    }

    static String describe(ConfigPreview p) {
        String diff = p.changes().stream()
                .map(c -> c.key() + ": " + c.before().orElse("(unset)") + " → "
                        + c.after().orElse("(unset)"))
                .collect(Collectors.joining("\n"));
        if (p.valid()) {
            return diff.isEmpty()
                    ? "no change"
                    : p.weakenings().isEmpty()
                            ? diff
                            : diff + "\nneeds a confirmation:\n" + String.join("\n", p.weakenings());
        }
        return diff + "\nproblems:\n" + String.join("\n", p.problems());
    }

    private void refreshEntries() {
        List<ConfigEntry> next = current.entrySet().stream()
                .map(e -> new ConfigEntry(e.getKey(), e.getValue(), edits.getOrDefault(e.getKey(), e.getValue())))
                .toList();
        entries.setAll(next);
        edited.set(!edits.isEmpty());
    }

    /** {"postgresql": {"parameters": {"max_connections": 100}}} becomes postgresql.parameters.max_connections=100. */
    static Map<String, String> flatten(Map<String, Object> config) {
        Map<String, String> flat = new TreeMap<>();
        flatten("", config, flat);
        return flat;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> into) {
        map.forEach((k, v) -> {
            String key = prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k;
            if (v instanceof Map<?, ?> nested) {
                flatten(key, nested, into);
            } else {
                into.put(key, String.valueOf(v));
            }
        });
    }

    public ObservableList<ConfigEntry> entries() {
        return entries;
    }

    public boolean hasEdits() {
        return !edits.isEmpty();
    }

    /** Whether anything was changed: preview, apply and discard have nothing to act on otherwise. */
    public ReadOnlyBooleanProperty editedProperty() {
        return edited.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty previewProperty() {
        return preview.getReadOnlyProperty();
    }
}
