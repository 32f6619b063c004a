package io.pgha.console.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.testing.FakeClusterMonitor;
import io.pgha.console.testing.SampleCluster;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.Source;
import io.pgha.runtime.model.SourceStatus;
import io.pgha.runtime.testsupport.SnapshotBuilder;
import io.pgha.runtime.usecase.DrillPlanning;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * `pgha drill` plans on the first snapshot drills can run on: the monitor settles without Docker's first answer on a
 * busy engine (the failover benchmark's first drill, right after `docker compose up`, was refused for it).
 */
class DrillPlanningWaitTest {

    private final ClusterConnection connection = SampleCluster.connection("demo");

    @Test
    void waitsForDockersFirstAnswer() throws Exception {
        FakeClusterMonitor monitor = new FakeClusterMonitor(connection, withoutDockerYet(), List.of());
        CompletableFuture<ClusterSnapshot> planned = CompletableFuture.supplyAsync(
                () -> DrillPlanning.awaitTarget(connection, monitor, Duration.ofSeconds(30)));

        assertThat(DrillPlanning.unavailableReason(connection, monitor.current()))
                .hasValueSatisfying(r -> assertThat(r).contains(SourceStatus.FIRST_ANSWER_PENDING));
        monitor.publish(SampleCluster.healthy());

        ClusterSnapshot s = planned.get();
        assertThat(DrillPlanning.unavailableReason(connection, s)).isEmpty();
    }

    @Test
    void givesTheLatestSnapshotWhenTheWaitIsOver() {
        FakeClusterMonitor monitor = new FakeClusterMonitor(connection, withoutDockerYet(), List.of());

        ClusterSnapshot s = DrillPlanning.awaitTarget(connection, monitor, Duration.ofMillis(200));

        assertThat(DrillPlanning.unavailableReason(connection, s))
                .hasValueSatisfying(r -> assertThat(r).startsWith("Docker is not available"));
    }

    private static ClusterSnapshot withoutDockerYet() {
        ClusterSnapshot healthy = SampleCluster.healthy();
        return SnapshotBuilder.from(healthy)
                .source(new SourceStatus(
                        Source.DOCKER, false, Optional.of(SourceStatus.FIRST_ANSWER_PENDING), healthy.takenAt()))
                .build();
    }
}
