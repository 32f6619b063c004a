package io.pgha.runtime.drill;

import java.time.Duration;

/**
 * One point of a drill's write timeline: an acknowledged write and how long the writers had waited for it
 * since the acknowledgement before.
 *
 * @param at  when the write was acknowledged, from the moment the fault was injected (negative before it)
 * @param gap the time since the previous acknowledged write
 */
public record WriteGap(Duration at, Duration gap) {}
