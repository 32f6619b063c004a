package io.pgha.console.ui.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.testing.Inline;
import io.pgha.console.testing.InlineScheduler;
import io.pgha.console.testing.RecordingNotifier;
import io.pgha.console.testing.SampleCluster;
import io.pgha.console.testing.SimulatedCluster;
import io.pgha.console.ui.common.Formats;
import io.pgha.console.ui.common.Tone;
import io.pgha.console.ui.metrics.MetricChart;
import io.pgha.runtime.model.ClusterEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkspaceViewModelTest {

    private final InlineScheduler scheduler = new InlineScheduler();
    private final SimulatedCluster cluster = new SimulatedCluster("demo");
    private final List<String> opened = new ArrayList<>();
    private final WorkspaceViewModel viewModel = new WorkspaceViewModel(
            cluster.session(), Inline.executors(scheduler), new RecordingNotifier(), opened::add, Clock.systemUTC());

    @Test
    void everySnapshotReachesTheTopologyAndTheShownScreensAndAHiddenScreenCatchesUpWhenShown() {
        viewModel.start(Duration.ofSeconds(2));
        viewModel.screenShown(WorkspaceViewModel.Screen.HEALTH, true);
        Instant taken = Instant.parse("2026-11-26T08:31:05Z");
        cluster.monitor().publish(SampleCluster.primaryDown("pg-0", taken));

        assertThat(viewModel.topology().healthProperty().get()).isEqualTo(Tone.FAIL);
        assertThat(viewModel.health().rows().get(0).tone()).isEqualTo(Tone.FAIL);
        assertThat(viewModel.actions().hasLeaderProperty().get()).isFalse();
        assertThat(viewModel.sources()).extracting(SourceState::name).contains("etcd", "Patroni", "HAProxy");
        assertThat(viewModel.updatedProperty().get())
                .as("the time of the snapshot shown")
                .isEqualTo("updated " + Formats.minute(taken));
        assertThat(viewModel.router().rows())
                .as("the router screen is not shown")
                .isEmpty();
        assertThat(viewModel.logs().containers())
                .as("the logs screen is not shown")
                .isEmpty();

        viewModel.screenShown(WorkspaceViewModel.Screen.ROUTER, true);
        viewModel.screenShown(WorkspaceViewModel.Screen.LOGS, true);
        assertThat(viewModel.router().rows()).isNotEmpty();
        assertThat(viewModel.logs().containers()).contains("pg-0");

        viewModel.screenShown(WorkspaceViewModel.Screen.HEALTH, false);
        int rowsBefore = viewModel.health().rows().size();
        cluster.monitor().publish(SampleCluster.healthy());
        assertThat(viewModel.health().rows())
                .as("a hidden screen keeps what it showed")
                .hasSize(rowsBefore);
        assertThat(viewModel.health().rows().get(0).tone()).isEqualTo(Tone.FAIL);
        assertThat(viewModel.topology().healthProperty().get()).isNotEqualTo(Tone.FAIL);
    }

    @Test
    void theJournalAndLiveEventsFeedTheTimeline() {
        viewModel.start(Duration.ofSeconds(2));
        cluster.monitor()
                .emit(SampleCluster.event(
                        Instant.now(),
                        ClusterEvent.Kind.LEADER_CHANGED,
                        ClusterEvent.Severity.WARNING,
                        "pg-1",
                        "pg-1 is the new leader"));

        assertThat(viewModel.events().size()).isEqualTo(SampleCluster.journal().size() + 1);
        assertThat(viewModel.events().latest().get(0).message()).isEqualTo("pg-1 is the new leader");
    }

    @Test
    void metricsAreSampledAtTheRefreshInterval() {
        viewModel.start(Duration.ofSeconds(2));
        scheduler.runDue();
        scheduler.runDue();

        assertThat(viewModel.metrics().versionProperty().get()).isEqualTo(2);
        assertThat(viewModel
                        .metrics()
                        .series(MetricChart.CONNECTIONS)
                        .get("pg-0")
                        .size())
                .isEqualTo(2);
        assertThat(viewModel.metrics().series(MetricChart.REPLICATION_LAG)).containsOnlyKeys("pg-1", "pg-2");
    }

    @Test
    void theFirstMetricsSampleWaitsForTheClusterToBeShown() {
        cluster.monitor().publish(withoutMembers());
        viewModel.start(Duration.ofSeconds(2));

        assertThat(scheduler.pending())
                .as("only the latest-start fallback waits: no sampling before the members are known")
                .isEqualTo(1);
        assertThat(viewModel.metrics().versionProperty().get()).isZero();

        cluster.monitor().publish(SampleCluster.healthy());
        assertThat(scheduler.lastPeriodicFirstDelayMillis())
                .as("the first sample a moment after the members, once the topology has been drawn")
                .isEqualTo(WorkspaceViewModel.FIRST_SAMPLE_AFTER_MEMBERS.toMillis())
                .isPositive();
        scheduler.runDue();
        assertThat(viewModel.metrics().versionProperty().get())
                .as("sampled once the topology has its members, and the fallback adds no second schedule")
                .isEqualTo(1);
        scheduler.runDue();
        assertThat(viewModel.metrics().versionProperty().get()).isEqualTo(2);
    }

    @Test
    void withoutMembersTheMetricsAreSampledAfterTheLatestStartAnyway() {
        cluster.monitor().publish(withoutMembers());
        viewModel.start(Duration.ofSeconds(2));
        scheduler.runDue(); // the fallback, FIRST_SAMPLE_AT_LATEST later: sampling starts
        scheduler.runDue(); // the first sample
        assertThat(viewModel.metrics().versionProperty().get()).isEqualTo(1);
    }

    @Test
    void selectingAMemberShowsItsDetail() {
        viewModel.start(Duration.ofSeconds(2));
        viewModel.topology().select("pg-2");

        assertThat(viewModel.memberDetail().titleProperty().get()).isEqualTo("pg-2");
        assertThat(viewModel.memberDetail().canBecomePrimaryProperty().get()).isTrue();
        assertThat(viewModel.memberDetail().member()).contains("pg-2");
    }

    @Test
    void closingStopsListeningAndSampling() {
        viewModel.start(Duration.ofSeconds(2));
        viewModel.close();

        assertThat(cluster.monitor().listeners()).isZero();
        assertThat(scheduler.pending()).isZero();
        cluster.monitor().publish(SampleCluster.primaryDown("pg-0", Instant.now()));
        assertThat(viewModel.topology().healthProperty().get()).isEqualTo(Tone.OK);
    }

    @Test
    void snapshotsThatChangeNothingShownLeaveTheStatusBarAlone() {
        viewModel.start(Duration.ofSeconds(2));
        Instant minute = Instant.parse("2026-11-26T08:31:00Z");
        cluster.monitor().publish(SampleCluster.withLeader("pg-0", 3, minute.plusSeconds(1)));
        List<String> invalidated = new ArrayList<>();
        viewModel.updatedProperty().addListener(o -> invalidated.add("updated"));
        viewModel.sources().addListener((javafx.collections.ListChangeListener<SourceState>)
                c -> invalidated.add("sources"));

        // a live monitor publishes a snapshot whenever a source reports, one or two a second
        for (int second = 2; second < 60; second++) {
            cluster.monitor().publish(SampleCluster.withLeader("pg-0", 3, minute.plusSeconds(second)));
        }

        assertThat(invalidated).as("each change redraws the window on Linux").isEmpty();

        cluster.monitor().publish(SampleCluster.withLeader("pg-0", 3, minute.plusSeconds(60)));
        assertThat(invalidated).containsExactly("updated");
        assertThat(viewModel.updatedProperty().get()).isEqualTo("updated " + Formats.minute(minute.plusSeconds(60)));
    }

    @Test
    void theTopologysFirstDrawingTellsTheMonitorOnce() {
        viewModel.start(Duration.ofSeconds(2));
        assertThat(cluster.monitor().clusterShownCalls()).isZero();

        viewModel.topology().drawn();
        viewModel.topology().drawn();

        assertThat(cluster.monitor().clusterShownCalls())
                .as("the monitor starts the sources the drawing did not need")
                .isEqualTo(1);
    }

    /** The healthy sample cluster before any member is known: no leader, members, etcd, router or containers. */
    private static io.pgha.runtime.model.ClusterSnapshot withoutMembers() {
        io.pgha.runtime.model.ClusterSnapshot h = SampleCluster.healthy();
        return new io.pgha.runtime.model.ClusterSnapshot(
                h.scope(),
                h.takenAt(),
                java.util.Optional.empty(),
                List.of(),
                h.sync(),
                h.paused(),
                h.scheduledSwitchover(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                h.sources(),
                h.dynamicConfig(),
                h.hosts());
    }
}
