package io.pgha.runtime.prometheus;

import io.pgha.runtime.supervisor.SupervisorAction;
import io.pgha.runtime.supervisor.SupervisorEvent;
import io.pgha.runtime.supervisor.SupervisorMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * The supervisor's work as Prometheus metrics on {@code :PORT/metrics} (the Prometheus client library's exporter), for
 * the stack's Prometheus: events by kind, leader keys released or kept, promotions seen, router commands sent, the
 * time from an event to its last action done, the last heartbeat written to etcd, and whether this supervisor leads
 * (holds the supervisors' lease, docs/decisions/0035) or stands by.
 */
public final class SupervisorMetricsEndpoint implements SupervisorMetrics {

    private static final double[] REACTION_BOUNDS = {0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15};

    private final Counter events;
    private final Counter fences;
    private final Counter promotions;
    private final Counter routerCommands;
    private final Histogram reaction;
    private final Gauge lastHeartbeat;
    private final Gauge leader;
    private final Counter leadershipChanges;
    private final HTTPServer server;

    private SupervisorMetricsEndpoint(int port) throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        events = Counter.builder()
                .name("pgha_supervisor_events_total")
                .help("Events the supervisor decided on, by kind")
                .labelNames("event")
                .register(registry);
        fences = Counter.builder()
                .name("pgha_supervisor_fences_total")
                .help("Compare-and-deletes of a dead primary's leader key: released, or kept (the key had changed)")
                .labelNames("result")
                .register(registry);
        promotions = Counter.builder()
                .name("pgha_supervisor_promotions_total")
                .help("New leaders awaited before routing: writable, or not within the wait")
                .labelNames("result")
                .register(registry);
        routerCommands = Counter.builder()
                .name("pgha_supervisor_router_commands_total")
                .help("HAProxy runtime API commands the supervisor sent")
                .register(registry);
        reaction = Histogram.builder()
                .name("pgha_supervisor_reaction_seconds")
                .help("From an event on the supervisor's loop to its last action done, by kind")
                .labelNames("event")
                .classicOnly()
                .classicUpperBounds(REACTION_BOUNDS)
                .register(registry);
        lastHeartbeat = Gauge.builder()
                .name("pgha_supervisor_last_heartbeat_timestamp_seconds")
                .help("When the supervisor last decided to write its heartbeat to etcd (every 2 s)")
                .register(registry);
        leader = Gauge.builder()
                .name("pgha_supervisor_leader")
                .help("1 while this supervisor holds the supervisors' lease and acts, 0 while it is a standby")
                .register(registry);
        leader.set(0);
        leadershipChanges = Counter.builder()
                .name("pgha_supervisor_leadership_changes_total")
                .help("Times this supervisor took the supervisors' lease (to=leader) or lost it (to=standby)")
                .labelNames("to")
                .register(registry);
        server = HTTPServer.builder().port(port).registry(registry).buildAndStart();
    }

    /** Serves the metrics on the port (0: any free one, see {@link #port()}). */
    public static SupervisorMetricsEndpoint serve(int port) {
        try {
            return new SupervisorMetricsEndpoint(port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the supervisor's metrics on port " + port, e);
        }
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void handled(SupervisorEvent event, List<SupervisorAction> actions, Duration took) {
        String kind = event.getClass().getSimpleName();
        events.labelValues(kind).inc();
        reaction.labelValues(kind).observe(took.toNanos() / 1e9);
        switch (event) {
            case SupervisorEvent.LeaderKeyDeleted d ->
                fences.labelValues(d.released() ? "released" : "kept").inc();
            case SupervisorEvent.LeadershipChanged l -> {
                leader.set(l.tenure().isPresent() ? 1 : 0);
                leadershipChanges
                        .labelValues(l.tenure().isPresent() ? "leader" : "standby")
                        .inc();
            }
            case SupervisorEvent.PromotionAwaited p ->
                promotions
                        .labelValues(p.acceptsWrites() ? "writable" : "timeout")
                        .inc();
            default -> {}
        }
        for (SupervisorAction action : actions) {
            if (action instanceof SupervisorAction.RouterCommands r) {
                routerCommands.inc(r.commands().size());
            } else if (action instanceof SupervisorAction.PublishHeartbeat) {
                lastHeartbeat.set(System.currentTimeMillis() / 1000.0);
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
