package io.pgha.console.ui.drills;

/** What the confirmation dialog says before a drill disturbs the cluster. */
public record DrillConfirmation(String title, String whatHappens, String confirmLabel) {}
