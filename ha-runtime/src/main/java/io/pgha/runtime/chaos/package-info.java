/**
 * Chaos runs (docs/decisions/0032): a seeded {@link io.pgha.runtime.chaos.ChaosPlan} of the drills' faults, one at a
 * time, injected by {@link io.pgha.runtime.chaos.ChaosRunner} through {@code drill.FaultSession} while an append
 * workload, a bank workload and the role watcher run; {@link io.pgha.runtime.chaos.ChaosReport} sums up what the
 * clients saw. May depend on {@code drill}, {@code docker}, {@code postgres} and {@code model}; not on the front ends.
 */
@Api
package io.pgha.runtime.chaos;

import io.pgha.runtime.Api;
