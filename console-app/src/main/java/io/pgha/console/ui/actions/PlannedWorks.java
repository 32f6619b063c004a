package io.pgha.console.ui.actions;

import io.pgha.console.service.ClusterAction;
import io.pgha.console.ui.common.PlannedWork;
import java.util.Optional;

/**
 * Which of the console's actions make the cluster look broken on purpose while they run, and how that work
 * is named. A failover is not among them: it answers an outage that nobody planned, which stays red.
 */
final class PlannedWorks {

    private PlannedWorks() {}

    static Optional<PlannedWork> of(ClusterAction action) {
        return switch (action) {
            case ClusterAction.Switchover s ->
                s.at().isPresent() ? Optional.empty() : Optional.of(PlannedWork.switchover(s.leader(), s.candidate()));
            case ClusterAction.RestartPostgres r ->
                Optional.of(PlannedWork.of("restarting PostgreSQL on " + r.member()));
            case ClusterAction.RestartContainer r ->
                Optional.of(PlannedWork.of("restarting container " + r.container()));
            case ClusterAction.Reinitialize r -> Optional.of(PlannedWork.of("reinitialising " + r.member()));
            case ClusterAction.Failover f -> Optional.empty();
            case ClusterAction.Pause p -> Optional.empty();
            case ClusterAction.Resume r -> Optional.empty();
            case ClusterAction.StopContainer s -> Optional.empty();
            case ClusterAction.StartContainer s -> Optional.empty();
        };
    }
}
