package io.pgha.runtime.ops;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.model.ClusterSnapshot;
import java.time.Instant;

/** The preconditions of an operation as a pure function of a snapshot: what {@link ClusterOperations#plan} answers. */
public final class OperationPlans {

    private OperationPlans() {}

    public static OperationPlan plan(
            OperationRequest request, ClusterSnapshot snapshot, ClusterConnection connection, Instant now) {
        return Preconditions.plan(request, snapshot, connection, now);
    }
}
