package io.pgha.console.ui.common;

import io.pgha.runtime.model.ClusterHealth;
import java.util.Optional;

/**
 * A cluster's state in one word and a colour, as the badge and the sidebar show it. Planned work the console
 * started wins over the health it causes; anything else is shown as the monitor sees it.
 */
public record ClusterStatus(Tone tone, String text) {

    public static final ClusterStatus CHECKING = new ClusterStatus(Tone.UNKNOWN, "checking");

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
