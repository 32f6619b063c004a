/**
 * The Patroni adapter: its REST API (GET /cluster, /patroni, /history, /config and the checks; the unsafe POST, PATCH
 * and DELETE calls with the cluster's credentials) and the one parser of Patroni's JSON ({@code PatroniJson}, tested
 * against Patroni's variants). With {@code http} and {@code router}, the only package that uses java.net.http. May
 * depend on {@code model}, {@code cluster} and {@code http}.
 */
package io.pgha.runtime.patroni;
