package io.pgha.runtime.provision;

import java.time.Duration;
import java.util.List;

/** What {@code down} removed, e.g. "container pg-0", "volume pg-ha_pg-0-data"; empty when there was nothing. */
public record DownResult(String name, List<String> removed, boolean volumesRemoved, Duration elapsed) {

    public DownResult {
        removed = List.copyOf(removed);
    }
}
