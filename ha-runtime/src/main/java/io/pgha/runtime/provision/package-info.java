/**
 * Creating, starting and removing a stack on the local engine from a {@link io.pgha.runtime.stack.StackSpec}: the plan
 * of containers, networks and volumes, the steps with progress, the readiness probes between them, and the images it
 * needs. May depend on {@code stack}, {@code images}, {@code cluster} and the adapters ({@code docker}, and
 * {@code dcs}, {@code patroni}, {@code router}, {@code postgres} for readiness); not on {@code monitor}, {@code ops} or
 * the front ends.
 */
@Api
package io.pgha.runtime.provision;

import io.pgha.runtime.Api;
