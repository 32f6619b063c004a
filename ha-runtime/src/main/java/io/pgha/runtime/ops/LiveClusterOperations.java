package io.pgha.runtime.ops;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.model.ClusterEvent;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.monitor.ClusterMonitor;
import io.pgha.runtime.ops.OperationRequest.CancelSwitchover;
import io.pgha.runtime.ops.OperationRequest.ChangeConfig;
import io.pgha.runtime.ops.OperationRequest.Failover;
import io.pgha.runtime.ops.OperationRequest.Pause;
import io.pgha.runtime.ops.OperationRequest.Reinitialize;
import io.pgha.runtime.ops.OperationRequest.Restart;
import io.pgha.runtime.ops.OperationRequest.RestartKind;
import io.pgha.runtime.ops.OperationRequest.Resume;
import io.pgha.runtime.ops.OperationRequest.Switchover;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ClusterOperations} on a live cluster: plan, act, confirm, journal. */
final class LiveClusterOperations implements ClusterOperations {

    private static final Logger LOG = LoggerFactory.getLogger(LiveClusterOperations.class);

    private final ClusterMonitor monitor;
    private final OperationSettings settings;
    private final Backends backends;
    private final Clock clock;
    private final OperationContext ctx;
    private final Optional<AuditJournal> journal;
    private final List<Consumer<ClusterEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Object oneAtATime = new Object();

    LiveClusterOperations(ClusterMonitor monitor, OperationSettings settings, Backends backends, Clock clock) {
        this.monitor = monitor;
        this.settings = settings;
        this.backends = backends;
        this.clock = clock;
        this.ctx = new OperationContext(monitor, backends, settings, clock);
        this.journal = settings.auditDir().map(AuditJournal::new);
    }

    @Override
    public ClusterConnection connection() {
        return monitor.connection();
    }

    @Override
    public OperationPlan plan(OperationRequest request) {
        return Preconditions.plan(request, monitor.current(), monitor.connection(), clock.instant());
    }

    @Override
    public OperationResult perform(OperationRequest request) {
        synchronized (oneAtATime) {
            Instant started = clock.instant();
            long t0 = System.nanoTime();
            ClusterSnapshot before = monitor.current();
            OperationPlan plan = Preconditions.plan(request, before, monitor.connection(), started);
            Done done;
            if (plan.refusal().isPresent()) {
                done = Done.refused(plan.refusal().get() + "; nothing was sent", List.of());
            } else if (plan.nothingToDo().isPresent()) {
                done = Done.nothingToDo(plan.nothingToDo().get());
            } else if (plan.needsConfirmation() && !request.confirmed()) {
                done = Done.refused(
                        plan.summary() + " needs an explicit confirmation (" + String.join("; ", plan.warnings())
                                + "); nothing was sent",
                        plan.warnings());
            } else {
                Deadline deadline = Deadline.after(started, timeout(request));
                try {
                    done = execute(request, plan, before, deadline);
                } catch (PghaException e) {
                    done = Done.failed(e);
                } catch (RuntimeException e) {
                    LOG.warn("{} on {} failed unexpectedly", request.operation(), plan.target(), e);
                    done = Done.failed(new PghaException(PghaException.Kind.UNAVAILABLE, e.toString(), e));
                }
                if (done.outcome() == OperationResult.Outcome.SUCCEEDED
                        && !plan.warnings().isEmpty()) {
                    done = new Done(
                            done.outcome(), done.message(), concat(plan.warnings(), done.notes()), done.failure());
                }
            }
            OperationResult result = new OperationResult(
                    request.operation(),
                    plan.target(),
                    request.parameters(),
                    done.outcome(),
                    done.message(),
                    done.notes(),
                    started,
                    Duration.ofNanos(System.nanoTime() - t0),
                    done.failure());
            record(result);
            return result;
        }
    }

    private Done execute(OperationRequest request, OperationPlan plan, ClusterSnapshot before, Deadline deadline) {
        return switch (request) {
            case Switchover r -> SwitchoverExecution.switchover(ctx, r, plan, before, deadline);
            case CancelSwitchover r -> SwitchoverExecution.cancel(ctx, r, deadline);
            case Failover r -> SwitchoverExecution.failover(ctx, r, before, deadline);
            case Restart r ->
                r.kind() == RestartKind.CONTAINER
                        ? RestartExecution.container(ctx, r, deadline)
                        : RestartExecution.postgres(ctx, r, deadline);
            case Reinitialize r -> RestartExecution.reinitialize(ctx, r, before, deadline);
            case Pause r -> ClusterWideExecution.pause(ctx, true, deadline);
            case Resume r -> ClusterWideExecution.pause(ctx, false, deadline);
            case ChangeConfig r -> ClusterWideExecution.config(ctx, r, before, deadline);
        };
    }

    private Duration timeout(OperationRequest request) {
        return switch (request) {
            case Switchover r -> settings.switchoverTimeout();
            case Failover r -> settings.switchoverTimeout();
            case Restart r ->
                settings.restartTimeout()
                        .plus(r.kind() == RestartKind.CONTAINER ? settings.containerStopGrace() : Duration.ZERO);
            case Reinitialize r -> settings.reinitTimeout();
            default -> settings.quickTimeout();
        };
    }

    private void record(OperationResult result) {
        AuditEntry entry =
                AuditEntry.of(monitor.connection().name(), System.getProperty("user.name", "unknown"), result);
        journal.ifPresent(j -> {
            try {
                j.append(entry);
            } catch (PghaException e) {
                LOG.warn("the audit journal misses {} on {}: {}", result.operation(), result.target(), e.getMessage());
            }
        });
        ClusterEvent event = entry.toEvent();
        for (Consumer<ClusterEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("an operation listener failed", e);
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    @Override
    public Map<String, Object> dynamicConfig() {
        Map<String, Object> config = monitor.current().dynamicConfig();
        if (!config.isEmpty()) {
            return config;
        }
        for (String url : monitor.connection().patroniUrls().values()) {
            try {
                return backends.reader(url).config();
            } catch (PghaException e) {
                // the next member may answer
            }
        }
        throw PghaException.unavailable(
                "neither the DCS nor any member's REST API gave the dynamic configuration", null);
    }

    @Override
    public ConfigPlan previewConfig(Map<String, String> changes) {
        return DynamicConfigRules.preview(dynamicConfig(), changes);
    }

    @Override
    public List<AuditEntry> audit(int max) {
        return journal.map(j -> j.recent(max)).orElse(List.of());
    }

    @Override
    public List<ClusterEvent> recentEvents(int max) {
        return audit(max).stream().map(AuditEntry::toEvent).toList();
    }

    @Override
    public ClusterMonitor.Subscription onEvent(Consumer<ClusterEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        backends.close();
    }
}
