package io.pgha.console.ui.backups;

import io.pgha.console.ui.common.Tone;

/**
 * One step of a running restore, as {@code pgha restore} prints it.
 *
 * @param step   the runtime's id of it (window, restore, restore-leader, postgres, …)
 * @param detail its latest line
 * @param tone   UNKNOWN while it runs, OK when done, FAIL when it failed
 */
public record RestoreStep(String step, String title, String detail, Tone tone) {}
