/**
 * The adapter to Prometheus's HTTP API (range and instant queries): the stack's own Prometheus keeps the history the
 * console's charts and {@code pgha status --metrics} read. Its one HTTP setup is the runtime's shared client
 * ({@code http}), its one JSON reading and its one error translator are here. Depends on {@code http}, the JDK and Jackson.
 */
package io.pgha.runtime.prometheus;
