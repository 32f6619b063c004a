package io.pgha.runtime.supervisor;

import io.pgha.runtime.dcs.SupervisorLease.Tenure;

/** {@link HeartbeatPort} to the supervisors' leadership key in etcd: the leader's heartbeat is its value. */
final class EtcdHeartbeat implements HeartbeatPort {

    private final LeadershipPort leadership;

    EtcdHeartbeat(LeadershipPort leadership) {
        this.leadership = leadership;
    }

    @Override
    public boolean publish(Tenure tenure, Heartbeat heartbeat) {
        return leadership.publish(tenure, heartbeat.toJson());
    }
}
