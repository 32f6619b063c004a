package io.pgha.console.ui.wizard;

import io.pgha.console.ui.common.Formats;
import io.pgha.console.ui.common.Tone;
import java.time.Duration;
import java.time.Instant;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One provisioning step with its state and elapsed time. */
public final class StepItem {

    /** Where a step is. */
    public enum State {
        RUNNING,
        DONE,
        FAILED
    }

    private final String id;
    private final String title;
    private final Instant started;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.RUNNING);
    private final ReadOnlyStringWrapper elapsed = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper line = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Tone> tone = new ReadOnlyObjectWrapper<>(Tone.UNKNOWN);

    StepItem(String id, String title, Instant started) {
        this.id = id;
        this.title = title;
        this.started = started;
        line.set(title);
    }

    void finish(Instant at, boolean ok, String detail) {
        state.set(ok ? State.DONE : State.FAILED);
        tone.set(ok ? Tone.OK : Tone.FAIL);
        this.detail.set(detail);
        tick(at);
    }

    void tick(Instant now) {
        elapsed.set(Formats.duration(Duration.between(started, now)));
        line.set(title + "  ·  " + elapsed.get() + (detail.get().isEmpty() ? "" : "  —  " + detail.get()));
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** Unknown while running, then ok or failed. */
    public ReadOnlyObjectProperty<Tone> toneProperty() {
        return tone.getReadOnlyProperty();
    }

    /** Title, elapsed time and detail in one line. */
    public ReadOnlyStringProperty lineProperty() {
        return line.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty elapsedProperty() {
        return elapsed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }
}
