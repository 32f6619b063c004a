package io.pgha.runtime.provision;

import io.pgha.runtime.cluster.ClusterConnection;
import java.time.Duration;
import java.util.List;

/**
 * What {@code up} did.
 *
 * @param actions    what it created or started, e.g. "created container pg-0"; empty when nothing changed
 * @param leader     the member that leads
 * @param connection how to reach the stack from this host (also saved in the cluster registry)
 * @param application the role applications log in as, owner of the database of its name (its password is in the
 *                    credential store, never here)
 */
public record UpResult(
        String name,
        List<String> actions,
        String leader,
        ClusterConnection connection,
        String application,
        Duration elapsed) {

    public UpResult {
        actions = List.copyOf(actions);
    }

    public boolean changed() {
        return !actions.isEmpty();
    }
}
