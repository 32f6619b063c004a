package io.pgha.runtime.supervisor;

import java.io.Closeable;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** Docker's word on the members' containers, by member name. */
public interface ContainerPort {

    /**
     * Streams the deaths of the members' containers, each with the moment the engine says it happened, until the handle
     * is closed; {@code onError} gets a broken stream.
     */
    Closeable listenForDeaths(BiConsumer<String, Instant> onMemberDeath, Consumer<Throwable> onError);

    /** True only when Docker says the member's container exists and is neither running, paused nor restarting. */
    boolean confirmedNotRunning(String member);

    /**
     * Asks the member's PostgreSQL through its engine (no network) whether it still accepts writes; never throws for an
     * answer it could not get: that is {@link HolderWrites.Kind#UNKNOWN}.
     */
    default HolderWrites askWrites(String member) {
        return HolderWrites.unknown("this engine is not asked");
    }
}
