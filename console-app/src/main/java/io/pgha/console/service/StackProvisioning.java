package io.pgha.console.service;

import java.util.List;
import java.util.function.Consumer;

/** Creates a stack on the local Docker engine (ha-runtime's provisioner, {@code pgha up}). */
public interface StackProvisioning {

    /**
     * The default spec (3 etcd, 3 PostgreSQL 17, HAProxy) under a name no known cluster has, on ports free now.
     * Called off the FX thread.
     */
    NewClusterRequest defaults();

    /**
     * What the runtime finds wrong with the request that the form cannot see by itself: ports in use, a
     * name already taken, images missing. Called off the FX thread, after each edit; must answer quickly.
     */
    List<SpecProblem> check(NewClusterRequest request);

    /**
     * Starts provisioning and returns at once; events arrive on the runtime's thread, ending with
     * {@link ProvisioningEvent.Done}, {@link ProvisioningEvent.Failed} or {@link ProvisioningEvent.Cancelled}.
     */
    ProvisioningRun start(NewClusterRequest request, Consumer<ProvisioningEvent> events);
}
