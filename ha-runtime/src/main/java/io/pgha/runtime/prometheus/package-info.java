/**
 * The adapter to Prometheus's HTTP API (range and instant queries): the stack's own Prometheus keeps the history the
 * console's charts and {@code pgha status --metrics} read. Also the other direction: the supervisor's metrics served
 * for that Prometheus to scrape, through the Prometheus client library ({@code SupervisorMetricsEndpoint}). Its one HTTP setup is the runtime's shared client
 * ({@code http}), its one JSON reading and its one error translator are here. Depends on {@code http}, the JDK, Jackson, the Prometheus client library and the supervisor's port.
 */
package io.pgha.runtime.prometheus;
