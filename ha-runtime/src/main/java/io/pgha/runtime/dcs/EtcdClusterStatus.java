package io.pgha.runtime.dcs;

import io.pgha.runtime.model.EtcdMember;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The etcd members as checked at one moment.
 *
 * @param latencies how long each member's status call took, by member name (only for those that answered)
 * @param memberListError why the member list could not be read (the last known list is used then)
 */
public record EtcdClusterStatus(
        List<EtcdMember> members,
        Map<String, Duration> latencies,
        Instant checkedAt,
        java.util.Optional<String> memberListError) {

    public EtcdClusterStatus {
        members = List.copyOf(members);
        latencies = Map.copyOf(latencies);
    }

    public long healthy() {
        return members.stream()
                .filter(m -> m.health() == io.pgha.runtime.model.Health.UP)
                .count();
    }

    public boolean quorum() {
        return !members.isEmpty() && healthy() > members.size() / 2;
    }
}
