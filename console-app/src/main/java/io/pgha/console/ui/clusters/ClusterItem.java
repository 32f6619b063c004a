package io.pgha.console.ui.clusters;

import io.pgha.console.ui.common.Tone;
import io.pgha.runtime.model.ClusterHealth;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** A known cluster in the sidebar, with its state at a glance. */
public final class ClusterItem {

    private final String name;
    private final String origin;
    private final ReadOnlyObjectWrapper<Tone> tone = new ReadOnlyObjectWrapper<>(Tone.UNKNOWN);
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("connecting");

    /** @param origin "created by pgha" or "attached" */
    public ClusterItem(String name, String origin) {
        this.name = name;
        this.origin = origin;
    }

    void health(ClusterHealth health) {
        tone.set(Tone.of(health));
        state.set(health.name().toLowerCase(Locale.ROOT));
    }

    void unreachable(String reason) {
        tone.set(Tone.UNKNOWN);
        state.set("cannot open: " + reason);
    }

    public String name() {
        return name;
    }

    public String origin() {
        return origin;
    }

    public ReadOnlyObjectProperty<Tone> toneProperty() {
        return tone.getReadOnlyProperty();
    }

    /** healthy, degraded, down, unknown, or why it cannot be opened. */
    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return name;
    }
}
