/**
 * Fault drills: {@link io.pgha.runtime.drill.DrillRunner} starts writers, a reader and a watcher inside the stack,
 * injects one scenario's {@code DrillFault} (one strategy per scenario: how it is injected and healed, whether it is
 * held, when the cluster counts as recovered), then measures outage, lost writes and split brain. May depend on the
 * adapters it drives ({@code docker}, {@code patroni}, {@code postgres}) and on {@code model}; not on {@code monitor},
 * {@code ops} or the front ends.
 */
@Api
package io.pgha.runtime.drill;

import io.pgha.runtime.Api;
