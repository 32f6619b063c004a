package io.pgha.runtime.usecase;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.drill.DrillTarget;
import io.pgha.runtime.postgres.WriteLoad;
import java.time.Duration;
import java.util.Set;

/** The restore drills' writers and the reading back of their rows: numbered inserts through every router's write port, as the fault drills aim them. */
final class DrillWriters {

    private DrillWriters() {}

    /** {@code writers} connections inserting rows of {@code run}; 0 for a reader (its rows, its table's removal). */
    static WriteLoad of(DrillTarget target, String run, int writers) {
        return new WriteLoad(
                target.routerHost(),
                target.writePorts(),
                target.superuser(),
                target.password(),
                run,
                writers,
                target.caFile());
    }

    /** The drill's rows in the restored stack, read through its router with its own stored superuser. */
    static Set<Long> restoredRows(String stack, String run) {
        ClusterConnection c = new ClusterRegistry()
                .find(stack)
                .orElseThrow(() -> PghaException.unavailable("the restored stack " + stack + " is not registered"));
        StackCredentials.Login login = new CredentialStore()
                .find(stack)
                .map(StackCredentials::superuser)
                .orElseThrow(() -> PghaException.unavailable("no stored credentials for the restored stack " + stack));
        ClusterConnection.RouterEndpoints router = c.router()
                .orElseThrow(() -> PghaException.unavailable("the restored stack " + stack + " has no router"));
        try (WriteLoad reader =
                new WriteLoad(router.host(), router.writePort(), login.user(), login.password(), run, 0, c.caFile())) {
            return reader.storedIds(Duration.ofSeconds(60));
        }
    }
}
