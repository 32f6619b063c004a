package io.pgha.runtime.monitor;

import io.pgha.runtime.dcs.DcsView;
import io.pgha.runtime.dcs.EtcdClusterStatus;
import io.pgha.runtime.docker.StackContainer;
import io.pgha.runtime.model.HealthCheck;
import io.pgha.runtime.model.HostInfo;
import io.pgha.runtime.model.RouterBackend;
import java.time.Instant;
import java.util.List;

/** The latest reading of every source at one moment: what {@link SnapshotAssembler} merges into a snapshot. */
record SnapshotParts(
        String scope,
        Instant now,
        Reading<DcsView> dcs,
        Reading<EtcdClusterStatus> etcd,
        Reading<PatroniReading> patroni,
        Reading<List<RouterBackend>> router,
        Reading<PostgresReading> postgres,
        Reading<List<StackContainer>> docker,
        Reading<List<HealthCheck>> exporters,
        List<HealthCheck> certificates,
        Reading<List<HostInfo>> swarm) {

    SnapshotParts {
        certificates = List.copyOf(certificates);
    }

    /** Whether every source has answered (or failed) at least once. */
    boolean complete() {
        return dcs.answered()
                && etcd.answered()
                && patroni.answered()
                && router.answered()
                && postgres.answered()
                && docker.answered()
                && exporters.answered()
                && swarm.answered();
    }
}
