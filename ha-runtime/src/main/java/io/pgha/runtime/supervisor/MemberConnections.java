package io.pgha.runtime.supervisor;

import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.postgres.RoleProbe;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One PostgreSQL connection per member, kept open by a thread of its own, so that at a promotion the supervisor
 * asks the new leader whether it accepts writes on a connection it already has: a login (TLS and SCRAM in a JVM
 * whose code for them is never hot) cost up to 400 ms at that moment. A member that cannot be reached only
 * delays this thread, never the supervisor's loop.
 */
final class MemberConnections implements AutoCloseable {

    private final Map<String, RoleProbe> probes = new LinkedHashMap<>();
    private final ScheduledExecutorService keeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pgha-supervisor-connections");
        t.setDaemon(true);
        return t;
    });

    MemberConnections(List<String> members, int port, StackCredentials.Login login, Optional<String> caFile) {
        for (String member : members) {
            probes.put(member, new RoleProbe(member, port, login.user(), login.password(), caFile));
        }
        keeper.scheduleWithFixedDelay(this::keepOpen, 0, 1, TimeUnit.SECONDS);
    }

    /** true: accepts writes; false: read-only; empty: not a member, or its PostgreSQL cannot be reached. */
    Optional<Boolean> acceptsWrites(String member) {
        RoleProbe probe = probes.get(member);
        if (probe == null) {
            return Optional.empty();
        }
        synchronized (probe) {
            return probe.acceptsWrites();
        }
    }

    private void keepOpen() {
        for (String member : probes.keySet()) {
            acceptsWrites(member); // connects when it has no connection; a cheap query when it has one
        }
    }

    @Override
    public void close() {
        keeper.shutdownNow();
        for (RoleProbe probe : probes.values()) {
            synchronized (probe) {
                probe.close();
            }
        }
    }
}
