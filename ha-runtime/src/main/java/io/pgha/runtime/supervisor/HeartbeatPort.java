package io.pgha.runtime.supervisor;

import io.pgha.runtime.dcs.SupervisorLease.Tenure;

/** Where the leading supervisor's heartbeat goes (etcd: the value of the leadership key, docs/decisions/0035). */
public interface HeartbeatPort {

    /** Publishes the heartbeat while the key is still the tenure's; false when it is not; throws when it could not. */
    boolean publish(Tenure tenure, Heartbeat heartbeat);
}
