package io.pgha.console.ui.common;

import io.pgha.runtime.model.ClusterHealth;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Source;
import java.util.Optional;

/**
 * A cluster's state in one word and a colour, as the badge and the sidebar show it. Planned work the console
 * started wins over the health it causes; anything else is shown as the monitor sees it.
 */
public record ClusterStatus(Tone tone, String text) {

    public static final ClusterStatus CHECKING = new ClusterStatus(Tone.UNKNOWN, "checking");

    /** As {@link #of(ClusterHealth, Optional)}, but "checking" while the members are not known yet. */
    public static ClusterStatus of(ClusterSnapshot snapshot, Optional<PlannedWork> planned) {
        if (planned.isEmpty() && checking(snapshot)) {
            return CHECKING;
        }
        return of(snapshot.health(), planned);
    }

    /**
     * The first snapshots after a start: no member known yet because etcd's keys or Patroni have not answered,
     * which says nothing about the cluster (and must not show it red).
     */
    public static boolean checking(ClusterSnapshot s) {
        return s.members().isEmpty()
                && s.sources().stream()
                        .anyMatch(st -> (st.source() == Source.DCS || st.source() == Source.PATRONI) && st.pending());
    }

    public static ClusterStatus of(ClusterHealth health, Optional<PlannedWork> planned) {
        if (planned.isPresent()) {
            return new ClusterStatus(Tone.PLANNED, planned.get().description());
        }
        return switch (health) {
            case HEALTHY -> new ClusterStatus(Tone.OK, "healthy");
            case DEGRADED -> new ClusterStatus(Tone.WARN, "degraded");
            case DOWN -> new ClusterStatus(Tone.FAIL, "down");
            case UNKNOWN -> new ClusterStatus(Tone.UNKNOWN, "unknown");
        };
    }

    public boolean planned() {
        return tone == Tone.PLANNED;
    }
}
