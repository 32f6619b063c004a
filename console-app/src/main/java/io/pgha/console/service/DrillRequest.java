package io.pgha.console.service;

import io.pgha.runtime.drill.DrillScenario;
import io.pgha.runtime.drill.DrillSettings;
import java.util.List;
import java.util.Objects;

/**
 * One drill against the open cluster.
 *
 * @param members        the PostgreSQL members
 * @param etcdContainers the etcd members' containers, in the order the etcd drills stop them
 * @param containers     member to its container's name where they differ
 */
public record DrillRequest(
        DrillScenario scenario,
        List<String> members,
        List<String> etcdContainers,
        java.util.Map<String, String> containers,
        DrillSettings settings) {

    public DrillRequest {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(settings, "settings");
        members = List.copyOf(members);
        etcdContainers = List.copyOf(etcdContainers);
        containers = java.util.Map.copyOf(containers);
    }
}
