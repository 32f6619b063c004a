package io.pgha.console.service;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * Cumulative PostgreSQL counters of the cluster at one moment; the console derives rates from them.
 *
 * @param transactions committed plus rolled-back transactions on the primary since its statistics reset
 * @param connections  client backends on the primary now
 */
public record DatabaseCounters(Instant at, OptionalLong transactions, OptionalLong connections) {

    public static DatabaseCounters none(Instant at) {
        return new DatabaseCounters(at, OptionalLong.empty(), OptionalLong.empty());
    }
}
