package io.pgha.console.ui.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pgha.console.service.ClusterAction;
import io.pgha.console.testing.SampleCluster;
import io.pgha.console.ui.common.Tone;
import io.pgha.runtime.model.ClusterSnapshot;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemberDetailViewModelTest {

    private final MemberDetailViewModel viewModel = new MemberDetailViewModel();

    @Test
    void theSupervisorSelectedInTheTopologyShowsWhatDockerSaysAndOnlyContainerActions() {
        viewModel.show(Optional.of("pg-supervisor"), SampleCluster.healthy());

        assertThat(viewModel.titleProperty().get()).isEqualTo("pg-supervisor");
        assertThat(viewModel.rows())
                .extracting(DetailRow::label, DetailRow::value, DetailRow::tone)
                .contains(
                        tuple("container", "running (healthy)", Tone.OK),
                        tuple("restarts", "0", Tone.OK),
                        tuple("image", "pgha/supervisor:local", Tone.UNKNOWN));
        assertThat(viewModel.presentProperty().get())
                .as("no PostgreSQL actions")
                .isFalse();
        assertThat(viewModel.canBecomePrimaryProperty().get()).isFalse();
        assertThat(viewModel.hasContainerProperty().get()).isTrue();
        assertThat(viewModel.restartContainer()).isEqualTo(new ClusterAction.RestartContainer("pg-supervisor"));
    }

    @Test
    void anExitedSupervisorShowsItsExitCodeAndCanBeStarted() {
        ClusterSnapshot s = SampleCluster.healthy();
        viewModel.show(
                Optional.of("pg-supervisor"),
                SampleCluster.snapshot(
                        s.takenAt(),
                        s.leader(),
                        s.members(),
                        s.etcdMembers(),
                        s.routerBackends(),
                        SampleCluster.containers(List.of("pg-supervisor")),
                        s.checks()));

        assertThat(viewModel.rows())
                .extracting(DetailRow::label, DetailRow::value, DetailRow::tone)
                .contains(tuple("container", "exited", Tone.FAIL), tuple("exit code", "137", Tone.FAIL));
        assertThat(viewModel.stopOrStartContainer()).isEqualTo(new ClusterAction.StartContainer("pg-supervisor"));
    }

    @Test
    void aMemberStillShowsItsPatroniFacts() {
        viewModel.show(Optional.of("pg-1"), SampleCluster.healthy());

        assertThat(viewModel.presentProperty().get()).isTrue();
        assertThat(viewModel.rows()).extracting(DetailRow::label).contains("role", "state", "lag", "container");
    }
}
