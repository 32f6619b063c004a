package io.pgha.console.ui.changes;

import io.pgha.console.service.ClusterChanges;
import io.pgha.console.ui.actions.ActionsViewModel;
import io.pgha.console.ui.common.Notifier;
import io.pgha.console.ui.common.UiExecutors;
import io.pgha.runtime.model.ClusterSnapshot;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;

/**
 * The day-two changes of one open cluster: makes the view model of each change's dialog over the cluster's {@link
 * ClusterChanges} from the latest snapshot. A change runs as the cluster's one operation ({@link ActionsViewModel}): none
 * starts while another action runs, and the header shows it.
 */
public final class ChangesViewModel {

    private final ClusterChanges changes;
    private final UiExecutors executors;
    private final Notifier notifier;
    private final ActionsViewModel actions;
    private final Supplier<ClusterSnapshot> snapshot;
    private final String cluster;

    public ChangesViewModel(
            ClusterChanges changes,
            UiExecutors executors,
            Notifier notifier,
            ActionsViewModel actions,
            Supplier<ClusterSnapshot> snapshot,
            String cluster) {
        this.changes = changes;
        this.executors = executors;
        this.notifier = notifier;
        this.actions = actions;
        this.snapshot = snapshot;
        this.cluster = cluster;
    }

    /** The dialog's view model of {@code kind}, for the member {@code selected} when it was started from one. */
    public ChangeViewModel open(ChangeKind kind, Optional<String> selected) {
        return new ChangeViewModel(
                kind, selected, changes, executors, notifier, actions, ChangeTargets.of(snapshot.get()), cluster);
    }

    /** While any action (or change) runs, no change starts. */
    public ReadOnlyBooleanProperty busyProperty() {
        return actions.busyProperty();
    }
}
