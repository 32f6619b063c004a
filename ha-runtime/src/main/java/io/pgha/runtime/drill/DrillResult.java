package io.pgha.runtime.drill;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one drill run measured. Durations are from the moment the fault was injected.
 *
 * @param faultAt           when the fault was injected
 * @param writeOutage       the longest gap between acknowledged writes around the fault
 * @param newLeaderAfter    when another node was first seen accepting writes (empty: no new leader)
 * @param routerFlipAfter   when the first write through the write port was acknowledged by the new leader
 * @param lostWrites        acknowledged rows missing afterwards (RPO, in rows)
 * @param splitBrainSamples watcher rounds in which two nodes accepted writes at once
 * @param healedAfter       when the failed node was a streaming replica again (empty: it did not heal in time)
 * @param writesRefusedDuringFault whether writes were refused while the fault lasted (etcd quorum loss)
 * @param readsDuringFault  reads acknowledged through the read port while the fault lasted
 * @param writeGaps         the write timeline for charts: per {@link DrillRunner#GAP_BUCKET} the acknowledged write
 *                          that ended the longest wait, so every outage is kept with its full length; not part of
 *                          {@code pgha drill --json}
 */
public record DrillResult(
        DrillScenario scenario,
        Instant faultAt,
        String oldLeader,
        Optional<String> newLeader,
        Duration writeOutage,
        Optional<Duration> newLeaderAfter,
        Optional<Duration> routerFlipAfter,
        long acknowledgedWrites,
        long lostWrites,
        long splitBrainSamples,
        Optional<Duration> healedAfter,
        boolean writesRefusedDuringFault,
        long readsDuringFault,
        List<String> notes,
        @JsonIgnore List<WriteGap> writeGaps) {

    public DrillResult {
        notes = List.copyOf(notes);
        writeGaps = List.copyOf(writeGaps);
    }

    /** A result without a write timeline. */
    public DrillResult(
            DrillScenario scenario,
            Instant faultAt,
            String oldLeader,
            Optional<String> newLeader,
            Duration writeOutage,
            Optional<Duration> newLeaderAfter,
            Optional<Duration> routerFlipAfter,
            long acknowledgedWrites,
            long lostWrites,
            long splitBrainSamples,
            Optional<Duration> healedAfter,
            boolean writesRefusedDuringFault,
            long readsDuringFault,
            List<String> notes) {
        this(
                scenario,
                faultAt,
                oldLeader,
                newLeader,
                writeOutage,
                newLeaderAfter,
                routerFlipAfter,
                acknowledgedWrites,
                lostWrites,
                splitBrainSamples,
                healedAfter,
                writesRefusedDuringFault,
                readsDuringFault,
                notes,
                List.of());
    }

    public boolean splitBrain() {
        return splitBrainSamples > 0;
    }
}
