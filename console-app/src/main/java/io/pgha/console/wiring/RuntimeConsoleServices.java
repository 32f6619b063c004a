package io.pgha.console.wiring;

import io.pgha.console.service.ClusterSession;
import io.pgha.console.service.ConsoleServices;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.provision.StackProvisioner;

/**
 * The console's services over ha-runtime: provisioning ({@link DockerStackProvisioning} over the runtime's
 * {@code StackProvisioner}) and the Docker check ({@link DockerPing}) are the runtime's own; each stand-in below is
 * where a runtime piece still to come plugs in:
 * <ul>
 *   <li>{@link UnobservedMonitor}: the runtime's {@code ClusterMonitor} factory (issue 4);</li>
 *   <li>{@link HttpAttachment}: the runtime's attach (issue 4);</li>
 *   <li>{@link NotWiredYet#actions()}, {@link NotWiredYet#dynamicConfig()}: operations (issue 5);</li>
 *   <li>{@link NotWiredYet#logs()}: container logs over the runtime's docker package;</li>
 *   <li>{@link NotWiredYet#metrics()}: exporter or pgjdbc counters.</li>
 * </ul>
 */
public final class RuntimeConsoleServices {

    private RuntimeConsoleServices() {
    }

    public static ConsoleServices create() {
        return create(new ClusterRegistry());
    }

    public static ConsoleServices create(ClusterRegistry registry) {
        return new ConsoleServices(registry, RuntimeConsoleServices::open, new HttpAttachment(registry),
                new DockerStackProvisioning(registry, StackProvisioner::onLocalDocker), new DockerPing());
    }

    private static ClusterSession open(ClusterConnection connection) {
        return new ClusterSession(connection, new UnobservedMonitor(connection), NotWiredYet.actions(), NotWiredYet.logs(),
                NotWiredYet.metrics(), NotWiredYet.dynamicConfig(), new RuntimeFaultDrills(connection));
    }
}
