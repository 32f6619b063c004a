package io.pgha.runtime.supervisor;

import io.pgha.runtime.dcs.LeaderKey;
import io.pgha.runtime.dcs.SupervisorLease;
import io.pgha.runtime.dcs.SupervisorLease.Tenure;
import java.util.Optional;

/** The supervisors' leadership key (docs/decisions/0035) as the {@link LeaseKeeper} takes, keeps and watches it. */
public interface LeadershipPort {

    /** The key's path, for the log. */
    String path();

    /** Whether some supervisor holds it now. */
    SupervisorLease.Seen read();

    /** Takes the key with {@code value} if nobody holds it. */
    Optional<Tenure> campaign(String value);

    /** Keeps the tenure alive once; false when it is over (lease gone, key another's); throws when etcd did not answer. */
    boolean renew(Tenure tenure);

    /** Writes the key while it is still this tenure's; false when it is not. */
    boolean publish(Tenure tenure, String value);

    /** Gives the key up at once. */
    void resign(Tenure tenure);

    /** Calls {@code onReleased} whenever the key is deleted after {@code afterRevision}. */
    LeaderKey.Subscription watchReleased(
            long afterRevision, Runnable onReleased, java.util.function.Consumer<Throwable> onError);
}
