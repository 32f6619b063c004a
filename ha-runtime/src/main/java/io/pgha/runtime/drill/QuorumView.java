package io.pgha.runtime.drill;

import io.pgha.runtime.dcs.Dcs;
import io.pgha.runtime.dcs.DcsView;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Patroni's /sync key as etcd holds it, read through the dcs adapter: who wrote it (the leader it was written for) and
 * the members it names. Patroni's GET /cluster derives roles from it only for members that still have a key, so a dead
 * member left in the synchronous set does not show there.
 */
final class QuorumView implements AutoCloseable {

    private static final Duration READ = Duration.ofSeconds(1);

    /**
     * @param enabled whether synchronous replication (on, strict or quorum) is configured
     * @param leader  the leader the key was written for, empty when there is none
     * @param members the members it names (the quorum's voters in quorum mode)
     */
    record Sync(boolean enabled, String leader, List<String> members) {
        Sync {
            members = List.copyOf(members);
        }

        static Sync of(DcsView view) {
            return new Sync(
                    view.sync().enabled(),
                    view.syncLeader().orElse(""),
                    view.sync().syncStandbys());
        }
    }

    private final String scope;
    private final Optional<Dcs> dcs;

    private QuorumView(String scope, Optional<Dcs> dcs) {
        this.scope = scope;
        this.dcs = dcs;
    }

    /** A view of the target's etcd; one that never answers when the target names no etcd endpoint. */
    static QuorumView open(DrillTarget target) {
        return new QuorumView(
                target.scope(),
                target.etcdEndpoints().isEmpty()
                        ? Optional.empty()
                        : Optional.of(Dcs.connect(target.etcdEndpoints(), target.etcdAuth(), target.caFile())));
    }

    /** The /sync key now, or empty when etcd does not answer. */
    Optional<Sync> sync() {
        try {
            return dcs.map(d -> Sync.of(d.read(scope, READ)));
        } catch (RuntimeException unavailable) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        dcs.ifPresent(Dcs::close);
    }
}
