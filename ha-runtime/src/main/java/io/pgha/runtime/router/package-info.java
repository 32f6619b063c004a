/**
 * The HAProxy adapter: its stats page (CSV over HTTP) as {@link io.pgha.runtime.model.RouterBackend}s and its runtime
 * API (TCP) for the supervisor's commands. With {@code http} and {@code patroni}, the only package that uses
 * java.net.http. May depend on {@code model} and {@code http}.
 */
package io.pgha.runtime.router;
