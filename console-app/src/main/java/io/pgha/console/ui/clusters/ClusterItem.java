package io.pgha.console.ui.clusters;

import io.pgha.console.ui.common.ClusterStatus;
import io.pgha.console.ui.common.PlannedWork;
import io.pgha.console.ui.common.Tone;
import io.pgha.runtime.model.ClusterHealth;
import io.pgha.runtime.model.ClusterSnapshot;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/** A known cluster in the sidebar, with its state at a glance. */
public final class ClusterItem {

    private final String name;
    private final String origin;
    private final ReadOnlyObjectWrapper<Tone> tone = new ReadOnlyObjectWrapper<>(Tone.UNKNOWN);
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("connecting");
    private final ObjectProperty<Optional<PlannedWork>> plannedWork = new SimpleObjectProperty<>(Optional.empty());
    private Optional<ClusterHealth> health = Optional.empty();

    /** @param origin "created by pgha" or "attached" */
    public ClusterItem(String name, String origin) {
        this.name = name;
        this.origin = origin;
        plannedWork.addListener((o, a, b) -> show());
    }

    /** The latest snapshot: its health, or nothing yet while the monitor is still checking. */
    void show(ClusterSnapshot snapshot) {
        this.health = ClusterStatus.checking(snapshot) ? Optional.empty() : Optional.of(snapshot.health());
        show();
    }

    private void show() {
        if (health.isEmpty() && plannedWork.get().isEmpty()) {
            tone.set(ClusterStatus.CHECKING.tone());
            state.set(ClusterStatus.CHECKING.text());
            return;
        }
        ClusterStatus status = ClusterStatus.of(health.orElse(ClusterHealth.UNKNOWN), plannedWork.get());
        tone.set(status.tone());
        state.set(status.text());
    }

    void unreachable(String reason) {
        tone.set(Tone.UNKNOWN);
        state.set("cannot open: " + reason);
    }

    /** Whether the cluster answered (its members or etcd were seen); it may run even when it does not. */
    public boolean answering() {
        return health.filter(h -> h != ClusterHealth.UNKNOWN).isPresent();
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

    /** The operation the console runs on this cluster now, shared with its workspace, which sets it. */
    public ObjectProperty<Optional<PlannedWork>> plannedWorkProperty() {
        return plannedWork;
    }

    /** healthy, degraded, down, unknown, the planned work under way, or why it cannot be opened. */
    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return name;
    }
}
