package io.pgha.console.service;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One operation a user can start from the console; {@link ClusterActions} performs it. */
public sealed interface ClusterAction {

    /**
     * Planned change of primary: the leader hands over to the candidate, now or at a time (Patroni's
     * scheduled switchover).
     */
    record Switchover(String leader, String candidate, Optional<Instant> at) implements ClusterAction {
        public Switchover {
            Objects.requireNonNull(at, "at");
        }

        /** Now. */
        public Switchover(String leader, String candidate) {
            this(leader, candidate, Optional.empty());
        }
    }

    /** Promotes the candidate without the leader's consent (when there is no healthy leader). */
    record Failover(String candidate) implements ClusterAction {}

    /** Restarts PostgreSQL inside the member through Patroni; the container keeps running. */
    record RestartPostgres(String member) implements ClusterAction {}

    /** Restarts the member's Docker container. */
    record RestartContainer(String container) implements ClusterAction {}

    /** Wipes the replica's data directory and clones it again from the primary. */
    record Reinitialize(String member) implements ClusterAction {}

    /** Stops Patroni's automatic failover for the whole cluster (maintenance mode). */
    record Pause() implements ClusterAction {}

    /** Ends maintenance mode. */
    record Resume() implements ClusterAction {}

    record StopContainer(String container) implements ClusterAction {}

    record StartContainer(String container) implements ClusterAction {}
}
