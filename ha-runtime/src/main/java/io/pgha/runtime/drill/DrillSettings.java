package io.pgha.runtime.drill;

import java.time.Duration;

/**
 * How a drill runs.
 *
 * @param writers        concurrent writers through the write port
 * @param faultDuration  how long a lasting fault (partition, freeze, etcd stops) is held before it is healed
 * @param recoveryLimit  how long to wait for a new leader / writes to resume before giving up
 * @param healLimit      how long to wait for the failed node to stream again after the heal
 */
public record DrillSettings(int writers, Duration faultDuration, Duration recoveryLimit, Duration healLimit) {

    /** The settings both {@code pgha drill} and the console's Drills tab start from. */
    public static DrillSettings defaults() {
        return new DrillSettings(2, Duration.ofSeconds(25), Duration.ofSeconds(60), Duration.ofSeconds(150));
    }

    public DrillSettings withWriters(int value) {
        return new DrillSettings(value, faultDuration, recoveryLimit, healLimit);
    }

    public DrillSettings withFaultDuration(Duration value) {
        return new DrillSettings(writers, value, recoveryLimit, healLimit);
    }
}
