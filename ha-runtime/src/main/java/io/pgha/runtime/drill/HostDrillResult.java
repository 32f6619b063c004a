package io.pgha.runtime.drill;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one host drill measured. Durations are from the moment the host was stopped or cut off.
 *
 * @param host                  the Swarm node that was faulted (the primary's when the drill began)
 * @param writesThrough         the surviving node whose router the writers used
 * @param newLeaderHost         the node of the member that leads at the end
 * @param newLeaderAfter        when a node on another host was first seen accepting writes
 * @param oldLeaderRefusedAfter host-partition: when the isolated primary was first seen refusing writes (asked through
 *                              its own host's engine); empty for host-down, where the host says nothing
 * @param lostWrites            acknowledged rows missing afterwards (RPO, in rows)
 * @param splitBrainSamples     pairs of moments at which two nodes accepted writes at once
 * @param oldLeaderWritableAgain whether the old primary accepted writes again after the fault (it must return a replica)
 * @param healedAfter           when every member, the returned host's too, streamed again on the leader's timeline
 * @param rejoinedAfterHeal     the same, from the heal (host started or connected again)
 */
public record HostDrillResult(
        HostDrillScenario scenario,
        Instant faultAt,
        String host,
        String oldLeader,
        String writesThrough,
        Optional<String> newLeader,
        Optional<String> newLeaderHost,
        Duration writeOutage,
        Optional<Duration> newLeaderAfter,
        Optional<Duration> oldLeaderRefusedAfter,
        long acknowledgedWrites,
        long lostWrites,
        long splitBrainSamples,
        boolean oldLeaderWritableAgain,
        Optional<Duration> healedAfter,
        Optional<Duration> rejoinedAfterHeal,
        List<String> notes) {

    public HostDrillResult {
        notes = List.copyOf(notes);
    }

    /** What went wrong, in words; empty when the drill showed what it should ({@link HostDrillVerdict}). */
    @JsonProperty("failures")
    public List<String> failures() {
        return HostDrillVerdict.failures(this);
    }

    @JsonProperty("passed")
    public boolean passed() {
        return failures().isEmpty();
    }
}
