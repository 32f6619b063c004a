package io.pgha.console.ui.common;

import java.util.Objects;
import java.util.Optional;

/**
 * An operation the console started on a cluster and has not seen through yet. While it runs, the states it
 * causes on purpose (no leader for a moment, a member restarting) are shown as this work, not as an outage.
 *
 * @param description what is happening, e.g. "switching over (pg-0 → pg-1)"
 * @param handover    for a change of primary, the member handing over and the one taking over
 * @param member      for a day-two step, the member being added, removed, replaced or upgraded
 */
public record PlannedWork(String description, Optional<Handover> handover, Optional<MemberWork> member) {

    public record Handover(String from, String to) {}

    /** A member a day-two step acts on, drawn as such on the topology while the step runs. */
    public record MemberWork(String member, Change change) {
        public MemberWork {
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(change, "change");
        }
    }

    /** What a day-two step does to its member; {@link #label()} is what the topology writes under it. */
    public enum Change {
        ADDING("being added"),
        REMOVING("being removed"),
        REPLACING("being replaced"),
        UPGRADING("being upgraded");

        private final String label;

        Change(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public PlannedWork {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(handover, "handover");
        Objects.requireNonNull(member, "member");
    }

    public PlannedWork(String description, Optional<Handover> handover) {
        this(description, handover, Optional.empty());
    }

    public static PlannedWork switchover(String from, String to) {
        return new PlannedWork("switching over (" + from + " → " + to + ")", Optional.of(new Handover(from, to)));
    }

    public static PlannedWork of(String description) {
        return new PlannedWork(description, Optional.empty());
    }

    /** A day-two step on one member, e.g. "pg-3 being added". */
    public static PlannedWork member(String member, Change change) {
        return new PlannedWork(
                member + " " + change.label(), Optional.empty(), Optional.of(new MemberWork(member, change)));
    }
}
