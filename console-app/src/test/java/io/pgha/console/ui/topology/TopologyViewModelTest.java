package io.pgha.console.ui.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.testing.SampleCluster;
import io.pgha.console.ui.common.Tone;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyViewModelTest {

    private final TopologyViewModel viewModel = new TopologyViewModel();

    @Test
    void theFirstSnapshotAnimatesNothing() {
        viewModel.apply(SampleCluster.healthy());

        assertThat(viewModel.updateProperty().get().changed()).isEmpty();
        assertThat(viewModel.healthProperty().get()).isEqualTo(Tone.OK);
        assertThat(viewModel.summaryProperty().get())
                .isEqualTo("pg-0 is the primary · 2 of 2 replicas streaming · etcd 3/3 up");
    }

    @Test
    void aNewLeaderMarksTheOldAndTheNewPrimaryAsChanged() {
        viewModel.apply(SampleCluster.healthy());
        viewModel.apply(SampleCluster.withLeader("pg-1", 4, SampleCluster.T0.plusSeconds(5)));

        assertThat(viewModel.updateProperty().get().changed()).containsExactlyInAnyOrder("pg:pg-0", "pg:pg-1");
        assertThat(viewModel.summaryProperty().get()).startsWith("pg-1 is the primary");
    }

    @Test
    void aSnapshotWithNothingNotableChangedAnimatesNothing() {
        viewModel.apply(SampleCluster.healthy());
        viewModel.apply(SampleCluster.withLeader("pg-0", 3, SampleCluster.T0.plusSeconds(2)));

        assertThat(viewModel.updateProperty().get().changed()).isEmpty();
    }

    @Test
    void aDeadPrimaryMakesTheClusterDownAndTheRouterChange() {
        viewModel.apply(SampleCluster.healthy());
        viewModel.apply(SampleCluster.primaryDown("pg-0", SampleCluster.T0.plusSeconds(5)));

        assertThat(viewModel.healthProperty().get()).isEqualTo(Tone.FAIL);
        assertThat(viewModel.updateProperty().get().changed()).contains(NodeId.ROUTER);
        assertThat(viewModel.summaryProperty().get()).startsWith("no primary");
    }

    @Test
    void aSnapshotThatChangesOnlyItsTimesInvalidatesNothing() {
        viewModel.apply(SampleCluster.healthy());
        List<String> invalidated = new ArrayList<>();
        viewModel.updateProperty().addListener(o -> invalidated.add("update"));
        viewModel.statusProperty().addListener(o -> invalidated.add("status"));
        viewModel.healthProperty().addListener(o -> invalidated.add("health"));
        viewModel.summaryProperty().addListener(o -> invalidated.add("summary"));

        // as a live monitor publishes them: the same cluster, every check's and source's time new
        viewModel.apply(SampleCluster.withLeader("pg-0", 3, SampleCluster.T0.plusSeconds(1)));
        viewModel.apply(SampleCluster.withLeader("pg-0", 3, SampleCluster.T0.plusSeconds(2)));

        assertThat(invalidated)
                .as("the badge, its spinner and the header bind to these: nothing of them changed")
                .isEmpty();

        viewModel.apply(SampleCluster.primaryDown("pg-0", SampleCluster.T0.plusSeconds(3)));
        assertThat(invalidated).contains("update", "status", "health", "summary");
    }
}
