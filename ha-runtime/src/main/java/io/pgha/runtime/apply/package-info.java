/**
 * Changing a running stack without recreating it (docs/decisions/0029): {@link io.pgha.runtime.apply.ApplyPlanner}
 * turns the running stack ({@link io.pgha.runtime.apply.RunningStack}) and a desired spec into an ordered
 * {@link io.pgha.runtime.apply.ApplyPlan} of steps, each with what it costs, or refuses with the reason. Pure: no I/O;
 * the provisioner executes the plan. May depend on {@code stack} only.
 */
@Api
package io.pgha.runtime.apply;

import io.pgha.runtime.Api;
