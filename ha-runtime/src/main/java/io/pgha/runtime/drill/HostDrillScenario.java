package io.pgha.runtime.drill;

import java.util.Arrays;
import java.util.Optional;

/** The faults of a whole host, for a cluster placed on a Swarm (docs/decisions/0042, 0045). */
public enum HostDrillScenario {
    HOST_DOWN("host-down", "the primary's host stopped (every container on it gone at once), started again later"),
    HOST_PARTITION("host-partition", "the primary's host cut off from the others, alive, connected again later");

    private final String cliName;
    private final String description;

    HostDrillScenario(String cliName, String description) {
        this.cliName = cliName;
        this.description = description;
    }

    public String cliName() {
        return cliName;
    }

    public String description() {
        return description;
    }

    /** The host drill of that command-line name; empty for every other name (a node drill, or unknown). */
    public static Optional<HostDrillScenario> find(String name) {
        return Arrays.stream(values()).filter(s -> s.cliName.equals(name)).findFirst();
    }
}
