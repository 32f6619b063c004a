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
    public enum State { RUNNING, DONE, FAILED }

    private final String id;
    private final String title;
    private final Instant started;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.RUNNING);
    private final ReadOnlyStringWrapper elapsed = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");

    StepItem(String id, String title, Instant started) {
        this.id = id;
        this.title = title;
        this.started = started;
    }

    void finish(Instant at, boolean ok, String detail) {
        state.set(ok ? State.DONE : State.FAILED);
        this.detail.set(detail);
        tick(at);
    }

    void tick(Instant now) {
        elapsed.set(Formats.duration(Duration.between(started, now)));
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public Tone tone() {
        return switch (state.get()) {
            case RUNNING -> Tone.UNKNOWN;
            case DONE -> Tone.OK;
            case FAILED -> Tone.FAIL;
        };
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
