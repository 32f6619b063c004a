package io.pgha.console.ui.drills;

import io.pgha.console.ui.common.Tone;

/** One run of the drill in the results table; the tone is the worst of its figures. */
public record DrillRunRow(
        int run,
        String leaders,
        String writeOutage,
        String newLeader,
        String routerFlip,
        String missing,
        String splitBrain,
        String healed,
        String notes,
        Tone tone) {}
