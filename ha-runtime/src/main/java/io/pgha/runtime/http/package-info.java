/**
 * The HTTP clients every REST and stats call shares ({@link io.pgha.runtime.http.HttpClients}: deadlines, daemon
 * threads, and TLS and authentication next) and a plain GET for endpoints without an adapter of their own. With the
 * {@code patroni} and {@code router} adapters, the only package that uses java.net.http; depends on the JDK only.
 */
package io.pgha.runtime.http;
