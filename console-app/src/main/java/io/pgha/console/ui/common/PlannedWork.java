package io.pgha.console.ui.common;

import java.util.Objects;
import java.util.Optional;

/**
 * An operation the console started on a cluster and has not seen through yet. While it runs, the states it
 * causes on purpose (no leader for a moment, a member restarting) are shown as this work, not as an outage.
 *
 * @param description what is happening, e.g. "switching over (pg-0 → pg-1)"
 * @param handover    for a change of primary, the member handing over and the one taking over
 */
public record PlannedWork(String description, Optional<Handover> handover) {

    public record Handover(String from, String to) {}

    public PlannedWork {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(handover, "handover");
    }

    public static PlannedWork switchover(String from, String to) {
        return new PlannedWork("switching over (" + from + " → " + to + ")", Optional.of(new Handover(from, to)));
    }

    public static PlannedWork of(String description) {
        return new PlannedWork(description, Optional.empty());
    }
}
