package io.pgha.console.ui.drills;

import java.util.Optional;

/**
 * What the confirmation dialog says before a drill disturbs the cluster.
 *
 * @param typedName the name to type before the drill may start, for a drill that deletes the cluster's data
 */
public record DrillConfirmation(String title, String whatHappens, String confirmLabel, Optional<String> typedName) {

    public DrillConfirmation(String title, String whatHappens, String confirmLabel) {
        this(title, whatHappens, confirmLabel, Optional.empty());
    }
}
