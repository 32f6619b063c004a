package io.pgha.console.ui.drills;

import io.pgha.console.ui.common.Tone;

/** One measured figure of the drill (over all runs so far): what it is, its value, and whether it is good. */
public record DrillFigure(String label, String value, Tone tone) {}
