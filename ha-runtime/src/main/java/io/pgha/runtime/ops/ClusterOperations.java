package io.pgha.runtime.ops;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.model.ClusterEvent;
import io.pgha.runtime.monitor.ClusterMonitor;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Operations on one cluster: switchover, failover, restart, reinitialise, pause/resume and dynamic
 * configuration. Every operation checks its preconditions against the monitor's current snapshot, acts
 * through Patroni's REST API (or Docker, for container restarts), confirms the outcome from later
 * snapshots within a deadline, and is written to the audit journal.
 *
 * <pre>{@code
 * try (ClusterMonitor m = ClusterMonitors.start(c, ClusterMonitors.settingsFor(c));
 *      ClusterOperations ops = ClusterOperations.create(m)) {
 *     OperationPlan plan = ops.plan(OperationRequest.Switchover.to("pg-1"));   // show plan.warnings(), ask
 *     OperationResult r = ops.perform(plan.request());                          // blocks until confirmed
 *     if (!r.ok()) show(r.message());                                           // or r.orThrow()
 * }
 * }</pre>
 *
 * {@link #perform} blocks (seconds to minutes): call it off any UI thread. Operations on one instance run one
 * at a time. Refusals and failures are results, not exceptions.
 */
public interface ClusterOperations extends AutoCloseable {

    ClusterConnection connection();

    /** What the request would do on the cluster as it is now: target, refusal reason, warnings. Sends nothing. */
    OperationPlan plan(OperationRequest request);

    /** Checks, acts and confirms; the result says what happened, or why nothing did. Never throws for a refusal or failure. */
    OperationResult perform(OperationRequest request);

    /** Patroni's dynamic configuration as the DCS has it now (nested maps, as Patroni's GET /config). */
    Map<String, Object> dynamicConfig();

    /**
     * What a configuration change would change, and what is wrong with it, before anything is sent.
     *
     * @param changes dotted keys (ttl, loop_wait, postgresql.parameters.max_connections, …) to values as text;
     *                an empty value removes the key
     */
    ConfigPlan previewConfig(Map<String, String> changes);

    /** The audit journal, newest first. */
    List<AuditEntry> audit(int max);

    /** The audit journal as events of kind OPERATION, newest first. */
    List<ClusterEvent> recentEvents(int max);

    /** Calls the listener with an OPERATION event after every operation this instance performs (on the calling thread). */
    ClusterMonitor.Subscription onEvent(Consumer<ClusterEvent> listener);

    /** Releases the Docker client; the monitor stays the caller's. */
    @Override
    void close();

    /** Operations on the monitor's cluster, with its stored REST API credentials and audit journal. */
    static ClusterOperations create(ClusterMonitor monitor) {
        return create(monitor, OperationSettings.forCluster(monitor.connection()));
    }

    static ClusterOperations create(ClusterMonitor monitor, OperationSettings settings) {
        return new LiveClusterOperations(
                monitor,
                settings,
                new LiveBackends(settings, monitor.connection().caFile()),
                java.time.Clock.systemUTC());
    }
}
