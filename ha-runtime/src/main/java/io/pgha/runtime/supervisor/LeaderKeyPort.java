package io.pgha.runtime.supervisor;

import io.pgha.runtime.dcs.LeaderKey;
import java.util.function.Consumer;

/** Patroni's leader key as the supervisor reads, watches and releases it (etcd in the stack). */
public interface LeaderKeyPort {

    /** The key's path, for the log. */
    String path();

    LeaderKey.Holder read();

    /** Reports every change after {@code afterRevision}; {@code onError} gets a failed watch, which the caller renews. */
    LeaderKey.Subscription watch(long afterRevision, Consumer<LeaderKey.Holder> onChange, Consumer<Throwable> onError);

    /**
     * Deletes the key only if it still names {@code member} at {@code modRevision} and the supervisors' leadership key
     * is still the one created at {@code tenure} (one transaction); true if this call deleted it.
     */
    boolean deleteIfHeldBy(String member, long modRevision, long tenure);

    /** {@link LeaderKey.Renewal} now; without a lease to read (an in-memory key), nothing is said of renewals. */
    default LeaderKey.Renewal readRenewal() {
        return new LeaderKey.Renewal(read(), java.util.Optional.empty());
    }
}
