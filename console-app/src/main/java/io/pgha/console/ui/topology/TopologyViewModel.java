package io.pgha.console.ui.topology;

import io.pgha.console.ui.common.ClusterStatus;
import io.pgha.console.ui.common.PlannedWork;
import io.pgha.console.ui.common.Tone;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Health;
import io.pgha.runtime.model.Member;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The topology screen: the drawn cluster, what changed, the cluster's status and one-line summary, and the
 * selected node. Planned work the console runs is drawn (the handover) and named instead of the outage it causes.
 */
public final class TopologyViewModel {

    private final ReadOnlyObjectWrapper<TopologyUpdate> update = new ReadOnlyObjectWrapper<>(TopologyUpdate.EMPTY);
    private final ReadOnlyObjectWrapper<Tone> health = new ReadOnlyObjectWrapper<>(Tone.UNKNOWN);
    private final ReadOnlyObjectWrapper<ClusterStatus> status = new ReadOnlyObjectWrapper<>(ClusterStatus.CHECKING);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("waiting for the first snapshot");
    private final ObjectProperty<Optional<String>> selectedMember = new SimpleObjectProperty<>(Optional.empty());
    private final ObjectProperty<Optional<PlannedWork>> plannedWork = new SimpleObjectProperty<>(Optional.empty());
    private ClusterSnapshot snapshot;
    private Runnable onFirstDrawing = () -> {};
    private boolean drawnOnce;

    public TopologyViewModel() {
        plannedWork.addListener((o, a, b) -> {
            if (snapshot != null) {
                apply(snapshot);
            }
        });
    }

    /**
     * Called on the FX thread with every new snapshot. A live monitor publishes one whenever a source reports, mostly
     * with nothing shown here changed: every property is set only when its value changes (by value, not identity).
     */
    public void apply(ClusterSnapshot snapshot) {
        this.snapshot = snapshot;
        Topology previous = update.get().topology();
        Topology next = TopologyMapper.map(snapshot, plannedWork.get());
        if (!next.equals(previous)) {
            update.set(new TopologyUpdate(next, TopologyChanges.between(previous, next)));
        }
        health.set(Tone.of(snapshot.health()));
        // a new but equal status would still reach the badge's listener, which restyles it (a CSS pass and a pulse)
        ClusterStatus nextStatus = ClusterStatus.of(snapshot, plannedWork.get());
        if (!nextStatus.equals(status.get())) {
            status.set(nextStatus);
        }
        summary.set(summarise(snapshot, plannedWork.get()));
    }

    /** What to do once the view has first drawn the cluster (a PostgreSQL node laid out); on the FX thread. */
    public void onFirstDrawing(Runnable action) {
        this.onFirstDrawing = action;
    }

    /** Called by the view on the FX thread after the layout pulse that first shows a PostgreSQL node; once. */
    public void drawn() {
        if (!drawnOnce) {
            drawnOnce = true;
            onFirstDrawing.run();
        }
    }

    public void select(String member) {
        selectedMember.set(Optional.of(member));
    }

    public void clearSelection() {
        selectedMember.set(Optional.empty());
    }

    static String summarise(ClusterSnapshot snapshot) {
        return summarise(snapshot, Optional.empty());
    }

    static String summarise(ClusterSnapshot snapshot, Optional<PlannedWork> planned) {
        String leader = snapshot.leaderMember()
                .map(m -> m.name() + " is the primary")
                .orElse(planned.flatMap(PlannedWork::handover)
                        .map(h -> "primary moving to " + h.to())
                        .orElse("no primary"));
        long streaming =
                snapshot.replicas().stream().filter(Member::isStreaming).count();
        long etcdUp = snapshot.etcdMembers().stream()
                .filter(e -> e.health() == Health.UP)
                .count();
        String text = leader + " · " + streaming + " of " + snapshot.replicas().size() + " replicas streaming · etcd "
                + etcdUp + "/" + snapshot.etcdMembers().size() + " up";
        return snapshot.paused() ? text + " · paused (no automatic failover)" : text;
    }

    public ReadOnlyObjectProperty<TopologyUpdate> updateProperty() {
        return update.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> healthProperty() {
        return health.getReadOnlyProperty();
    }

    /** What the badge says: the health, or the planned work under way. */
    public ReadOnlyObjectProperty<ClusterStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The planned work under way, set by the workspace from the actions. */
    public ObjectProperty<Optional<PlannedWork>> plannedWorkProperty() {
        return plannedWork;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ObjectProperty<Optional<String>> selectedMemberProperty() {
        return selectedMember;
    }
}
