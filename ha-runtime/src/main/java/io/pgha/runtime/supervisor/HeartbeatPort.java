package io.pgha.runtime.supervisor;

/** Where the supervisor's heartbeat goes (etcd, under a short lease). */
public interface HeartbeatPort {

    /** Publishes the heartbeat; throws when it could not. */
    void publish(Heartbeat heartbeat);
}
