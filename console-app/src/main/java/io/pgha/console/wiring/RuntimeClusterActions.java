package io.pgha.console.wiring;

import io.pgha.console.service.ActionOutcome;
import io.pgha.console.service.ClusterAction;
import io.pgha.console.service.ClusterActions;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.docker.DockerJavaEngine;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.ContainerInfo;
import io.pgha.runtime.monitor.ClusterMonitor;
import io.pgha.runtime.ops.ClusterOperations;
import io.pgha.runtime.ops.OperationRequest;
import io.pgha.runtime.ops.OperationResult;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The console's actions over the runtime's operations: every Patroni-level action is a confirmed
 * {@link OperationRequest} (the console asked the user before calling), checked, performed, confirmed and
 * audited by {@link ClusterOperations}. Stopping and starting a container go to Docker and are confirmed by
 * the monitor's snapshots showing the container in the new state.
 */
final class RuntimeClusterActions implements ClusterActions {

    private static final Duration CONTAINER_STATE_DEADLINE = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final ClusterMonitor monitor;
    private final ClusterOperations operations;

    RuntimeClusterActions(ClusterMonitor monitor, ClusterOperations operations) {
        this.monitor = monitor;
        this.operations = operations;
    }

    @Override
    public ActionOutcome perform(ClusterAction action) {
        return switch (action) {
            case ClusterAction.StopContainer stop ->
                containerState(
                        stop.container(),
                        "stopped",
                        c -> !c.running(),
                        docker -> docker.stop(stop.container(), STOP_GRACE));
            case ClusterAction.StartContainer start ->
                containerState(
                        start.container(),
                        "running",
                        ContainerInfo::running,
                        docker -> docker.start(start.container()));
            default -> outcome(operations.perform(request(action)).orThrow());
        };
    }

    static OperationRequest request(ClusterAction action) {
        return switch (action) {
            case ClusterAction.Switchover s ->
                new OperationRequest.Switchover(Optional.of(s.candidate()), s.at(), Optional.of(s.leader()), true);
            case ClusterAction.Failover f -> new OperationRequest.Failover(f.candidate());
            case ClusterAction.RestartPostgres r ->
                new OperationRequest.Restart(r.member(), OperationRequest.RestartKind.POSTGRES, false, true);
            case ClusterAction.RestartContainer r ->
                new OperationRequest.Restart(r.container(), OperationRequest.RestartKind.CONTAINER, false, true);
            case ClusterAction.Reinitialize r -> new OperationRequest.Reinitialize(r.member());
            case ClusterAction.Pause p -> new OperationRequest.Pause();
            case ClusterAction.Resume r -> new OperationRequest.Resume();
            case ClusterAction.StopContainer s ->
                throw new IllegalArgumentException("a container action is not a Patroni operation");
            case ClusterAction.StartContainer s ->
                throw new IllegalArgumentException("a container action is not a Patroni operation");
        };
    }

    static ActionOutcome outcome(OperationResult result) {
        String summary = result.notes().isEmpty()
                ? result.message()
                : result.message() + " (" + String.join("; ", result.notes()) + ")";
        return new ActionOutcome(summary, result.took());
    }

    private interface DockerCall {
        void on(DockerEngine docker);
    }

    private ActionOutcome containerState(
            String container, String wanted, Predicate<ContainerInfo> reached, DockerCall call) {
        if (monitor.current().containers().stream().noneMatch(c -> c.name().equals(container))) {
            throw PghaException.notFound(
                    "no container named " + container + " belongs to this cluster on the local Docker engine");
        }
        long start = System.nanoTime();
        CompletableFuture<ClusterSnapshot> reachedIn = new CompletableFuture<>();
        try (DockerEngine docker = DockerJavaEngine.local();
                ClusterMonitor.Subscription watch = monitor.onSnapshot(s -> {
                    if (s.containers().stream().anyMatch(c -> c.name().equals(container) && reached.test(c))) {
                        reachedIn.complete(s);
                    }
                })) {
            call.on(docker);
            reachedIn.get(CONTAINER_STATE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw PghaException.timeout(container + " is not " + wanted + " after "
                    + CONTAINER_STATE_DEADLINE.toSeconds() + " s: look at its log");
        } catch (ExecutionException e) {
            throw PghaException.unavailable(
                    "watching " + container + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PghaException.unavailable("interrupted while waiting for " + container, e);
        }
        return new ActionOutcome(container + " is " + wanted, Duration.ofNanos(System.nanoTime() - start));
    }
}
