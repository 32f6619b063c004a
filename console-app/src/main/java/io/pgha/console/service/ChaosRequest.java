package io.pgha.console.service;

import io.pgha.runtime.drill.DrillScenario;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A chaos run against the open cluster ({@code pgha chaos}, docs/decisions/0032), aimed like a drill.
 *
 * @param members        the PostgreSQL members
 * @param etcdContainers the etcd members' containers
 * @param containers     member to its container's name where they differ
 * @param seed           the schedule's seed: the same seed gives the same faults at the same offsets
 * @param duration       how long faults are injected, 30 s to 2 h
 * @param kinds          the faults drawn from
 */
public record ChaosRequest(
        List<String> members,
        List<String> etcdContainers,
        Map<String, String> containers,
        long seed,
        Duration duration,
        List<DrillScenario> kinds) {

    public ChaosRequest {
        members = List.copyOf(members);
        etcdContainers = List.copyOf(etcdContainers);
        containers = Map.copyOf(containers);
        kinds = List.copyOf(kinds);
    }
}
