package io.pgha.console.ui.actions;

import io.pgha.console.service.ClusterAction;

/**
 * What the confirmation dialog says before an action runs.
 *
 * @param whatHappens the consequences, in plain words
 * @param risky       whether it interrupts service (the confirm button is styled as dangerous)
 */
public record Confirmation(
        ClusterAction action, String title, String whatHappens, String confirmLabel, boolean risky) {}
