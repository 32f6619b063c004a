package io.pgha.console.wiring;

import io.pgha.console.service.ClusterSession;
import io.pgha.console.service.ConsoleServices;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;

/**
 * The console's services over ha-runtime. Each stand-in below is where a runtime piece plugs in:
 * <ul>
 *   <li>{@link UnobservedMonitor}: the runtime's {@code ClusterMonitor} factory (issue 4);</li>
 *   <li>{@link HttpAttachment}: the runtime's attach (issue 4);</li>
 *   <li>{@link PendingProvisioning}: the provisioner and {@code StackSpec} validation (issue 3);</li>
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
                new PendingProvisioning(registry), new DockerPing());
    }

    private static ClusterSession open(ClusterConnection connection) {
        return new ClusterSession(connection, new UnobservedMonitor(connection), NotWiredYet.actions(), NotWiredYet.logs(),
                NotWiredYet.metrics(), NotWiredYet.dynamicConfig());
    }
}
