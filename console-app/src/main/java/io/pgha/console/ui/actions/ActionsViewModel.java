package io.pgha.console.ui.actions;

import io.pgha.console.service.ActionOutcome;
import io.pgha.console.service.ClusterAction;
import io.pgha.console.service.ClusterActions;
import io.pgha.console.ui.common.Formats;
import io.pgha.console.ui.common.Notice;
import io.pgha.console.ui.common.Notifier;
import io.pgha.console.ui.common.UiExecutors;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.model.ClusterSnapshot;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Runs the cluster's operations: says what each will do, performs it off the FX thread, and reports the
 * outcome or the refusal as a notice. One operation at a time; the topology shows the effect as it happens.
 */
public final class ActionsViewModel {

    private final ClusterActions actions;
    private final UiExecutors executors;
    private final Notifier notifier;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper hasLeader = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper running = new ReadOnlyStringWrapper("");
    private ClusterSnapshot snapshot;

    public ActionsViewModel(ClusterActions actions, UiExecutors executors, Notifier notifier, ClusterSnapshot initial) {
        this.actions = actions;
        this.executors = executors;
        this.notifier = notifier;
        apply(initial);
    }

    public void apply(ClusterSnapshot snapshot) {
        this.snapshot = snapshot;
        paused.set(snapshot.paused());
        hasLeader.set(snapshot.leader().isPresent());
    }

    public Confirmation confirmation(ClusterAction action) {
        return Confirmations.of(action, snapshot);
    }

    /** Members that could become primary, eligible first, the best one first of all. */
    public List<Candidate> candidates() {
        return SwitchoverCandidates.rank(snapshot);
    }

    public Optional<Candidate> bestCandidate() {
        return SwitchoverCandidates.best(snapshot);
    }

    /** A switchover from the current leader to the candidate; empty when there is no leader to hand over. */
    public Optional<ClusterAction> switchoverTo(String candidate) {
        return snapshot.leader().map(leader -> new ClusterAction.Switchover(leader, candidate));
    }

    public ClusterAction failoverTo(String candidate) {
        return new ClusterAction.Failover(candidate);
    }

    public ClusterAction pauseOrResume() {
        return snapshot.paused() ? new ClusterAction.Resume() : new ClusterAction.Pause();
    }

    /** Starts the action confirmed by the user; refused at once while another runs. */
    public void perform(Confirmation confirmed) {
        if (busy.get()) {
            notifier.show(Notice.warning("Busy", running.get() + " is still running; wait for it to finish."));
            return;
        }
        busy.set(true);
        running.set(confirmed.title());
        executors.supply(() -> actions.perform(confirmed.action()),
                outcome -> finished(confirmed, outcome),
                failure -> failed(confirmed, failure));
    }

    private void finished(Confirmation confirmed, ActionOutcome outcome) {
        done();
        notifier.show(Notice.success(confirmed.title(), outcome.summary() + " (" + Formats.duration(outcome.took()) + ")"));
    }

    private void failed(Confirmation confirmed, RuntimeException failure) {
        done();
        if (failure instanceof PghaException p && p.kind() == PghaException.Kind.REFUSED) {
            notifier.show(Notice.warning("Refused: " + confirmed.title(), p.getMessage()));
        } else {
            notifier.show(Notice.error(confirmed.title() + " failed", String.valueOf(failure.getMessage())));
        }
    }

    private void done() {
        busy.set(false);
        running.set("");
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasLeaderProperty() {
        return hasLeader.getReadOnlyProperty();
    }

    /** The title of the action running now, empty when none. */
    public ReadOnlyStringProperty runningProperty() {
        return running.getReadOnlyProperty();
    }
}
