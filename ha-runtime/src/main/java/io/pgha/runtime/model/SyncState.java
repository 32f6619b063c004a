package io.pgha.runtime.model;

import java.util.List;
import java.util.OptionalInt;

/**
 * Synchronous replication as the DCS records it.
 *
 * @param mode          off, on, quorum or strict (from the dynamic configuration)
 * @param syncStandbys  members currently eligible as synchronous standbys (the /sync key)
 * @param quorum        the quorum Patroni recorded, when in quorum mode
 */
public record SyncState(String mode, List<String> syncStandbys, OptionalInt quorum) {

    public static final SyncState OFF = new SyncState("off", List.of(), OptionalInt.empty());

    public SyncState {
        mode = mode == null ? "off" : mode;
        syncStandbys = List.copyOf(syncStandbys);
    }

    public boolean enabled() {
        return !"off".equals(mode);
    }
}
