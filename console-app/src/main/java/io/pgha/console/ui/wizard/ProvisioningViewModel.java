package io.pgha.console.ui.wizard;

import io.pgha.console.service.NewClusterRequest;
import io.pgha.console.service.ProvisioningEvent;
import io.pgha.console.service.ProvisioningRun;
import io.pgha.console.service.StackProvisioning;
import io.pgha.console.ui.common.BatchRelay;
import io.pgha.console.ui.common.Formats;
import io.pgha.console.ui.common.UiExecutors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The wizard's progress page: each step with its elapsed time, the log lines, and cancel. */
public final class ProvisioningViewModel {

    public static final int LOG_CAPACITY = 2000;

    /** Where the whole run is. */
    public enum State {
        STARTING,
        RUNNING,
        SUCCEEDED,
        FAILED,
        CANCELLING,
        CANCELLED
    }

    private final StackProvisioning provisioning;
    private final NewClusterRequest request;
    private final UiExecutors executors;
    private final Clock clock;
    private final ObservableList<StepItem> steps = FXCollections.observableArrayList();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.STARTING);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper elapsed = new ReadOnlyStringWrapper("");
    private Instant started;
    private ProvisioningRun run;
    private Optional<String> clusterName = Optional.empty();

    ProvisioningViewModel(
            StackProvisioning provisioning, NewClusterRequest request, UiExecutors executors, Clock clock) {
        this.provisioning = provisioning;
        this.request = request;
        this.executors = executors;
        this.clock = clock;
    }

    /** Starts provisioning; calls back on the FX thread with the cluster's name when it is up. */
    public void start(Consumer<String> done) {
        started = clock.instant();
        message.set("creating " + request.name() + " …");
        BatchRelay<ProvisioningEvent> relay =
                new BatchRelay<>(executors.fx(), batch -> batch.forEach(e -> handle(e, done)));
        executors.supply(
                () -> provisioning.start(request, relay),
                r -> {
                    run = r;
                    if (state.get() == State.STARTING) {
                        state.set(State.RUNNING);
                    } else if (state.get() == State.CANCELLING) {
                        cancel();
                    }
                },
                failure -> {
                    state.set(State.FAILED);
                    message.set(String.valueOf(failure.getMessage()));
                });
    }

    void handle(ProvisioningEvent event, Consumer<String> done) {
        switch (event) {
            case ProvisioningEvent.StepStarted s -> steps.add(new StepItem(s.step(), s.title(), s.at()));
            case ProvisioningEvent.StepFinished f ->
                step(f.step()).ifPresent(s -> s.finish(f.at(), f.ok(), f.detail()));
            case ProvisioningEvent.Log l -> appendLog(l.step() + " | " + l.line());
            case ProvisioningEvent.Done d -> {
                state.set(State.SUCCEEDED);
                clusterName = Optional.of(d.clusterName());
                message.set(d.clusterName() + " is up (" + Formats.duration(Duration.between(started, d.at())) + ")");
                done.accept(d.clusterName());
            }
            case ProvisioningEvent.Failed f -> {
                state.set(State.FAILED);
                message.set(f.message());
            }
            case ProvisioningEvent.Cancelled c -> {
                state.set(State.CANCELLED);
                message.set("cancelled; what this run created has been removed, nothing else");
            }
        }
        tick(event.at());
    }

    private void appendLog(String line) {
        if (log.size() >= LOG_CAPACITY) {
            log.remove(0, log.size() - LOG_CAPACITY + 1);
        }
        log.add(line);
    }

    private Optional<StepItem> step(String id) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i).id().equals(id)) {
                return Optional.of(steps.get(i));
            }
        }
        return Optional.empty();
    }

    /** Updates the elapsed times; the view calls it every second while the run is active. */
    public void tick(Instant now) {
        if (started == null) {
            return;
        }
        elapsed.set(Formats.duration(Duration.between(started, now)));
        steps.stream()
                .filter(s -> s.stateProperty().get() == StepItem.State.RUNNING)
                .forEach(s -> s.tick(now));
    }

    public void tick() {
        if (active()) {
            tick(clock.instant());
        }
    }

    public boolean active() {
        return List.of(State.STARTING, State.RUNNING, State.CANCELLING).contains(state.get());
    }

    /** Whether cancel can still do something: stop the run, or remove what a failed run created. */
    public boolean cancellable() {
        return (active() && state.get() != State.CANCELLING) || (state.get() == State.FAILED && run != null);
    }

    /**
     * Stops the run, or, after it failed, removes what it created; the runtime removes only what this run created
     * and reports Cancelled.
     */
    public void cancel() {
        if (!active() && !(state.get() == State.FAILED && run != null)) {
            return;
        }
        state.set(State.CANCELLING);
        message.set("cancelling and removing what was created …");
        if (run != null) {
            ProvisioningRun r = run;
            executors.background().execute(r::cancel);
        }
    }

    public Optional<String> clusterName() {
        return clusterName;
    }

    public NewClusterRequest request() {
        return request;
    }

    public ObservableList<StepItem> steps() {
        return steps;
    }

    public ObservableList<String> log() {
        return log;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty elapsedProperty() {
        return elapsed.getReadOnlyProperty();
    }
}
