package io.pgha.runtime.provision;

import java.time.Duration;
import java.util.List;

/**
 * What {@code down} removed, e.g. "container pg-0", "volume pg-ha_pg-0-data"; empty when there was nothing.
 *
 * @param kept what of the stack it left in place on purpose (removing a run's objects keeps what existed before)
 */
public record DownResult(
        String name, List<String> removed, boolean volumesRemoved, Duration elapsed, List<String> kept) {

    public DownResult {
        removed = List.copyOf(removed);
        kept = List.copyOf(kept);
    }

    public DownResult(String name, List<String> removed, boolean volumesRemoved, Duration elapsed) {
        this(name, removed, volumesRemoved, elapsed, List.of());
    }
}
