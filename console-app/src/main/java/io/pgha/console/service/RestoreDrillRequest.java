package io.pgha.console.service;

import java.util.List;
import java.util.Map;

/**
 * A {@code pitr} or {@code disaster} drill against the open cluster, aimed like the fault drills: the writers go through
 * its router as its superuser, and the disaster removes these members' containers.
 *
 * @param members        the PostgreSQL members
 * @param etcdContainers the etcd members' containers
 * @param containers     member to its container's name where they differ
 * @param writers        writer connections inserting numbered rows
 */
public record RestoreDrillRequest(
        List<String> members, List<String> etcdContainers, Map<String, String> containers, int writers) {

    public RestoreDrillRequest {
        members = List.copyOf(members);
        etcdContainers = List.copyOf(etcdContainers);
        containers = Map.copyOf(containers);
    }
}
