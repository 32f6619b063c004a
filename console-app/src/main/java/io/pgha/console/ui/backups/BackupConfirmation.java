package io.pgha.console.ui.backups;

/** What the confirmation dialog says before a backup starts. */
public record BackupConfirmation(String title, String whatHappens, String confirmLabel) {}
