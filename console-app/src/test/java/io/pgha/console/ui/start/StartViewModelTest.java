package io.pgha.console.ui.start;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.service.DockerStatus;
import io.pgha.console.testing.Inline;
import org.junit.jupiter.api.Test;

class StartViewModelTest {

    @Test
    void anUnreachableEngineSaysSoAndHowToFixItAndThatAttachingStillWorks() {
        StartViewModel viewModel = new StartViewModel(
                () -> new DockerStatus(
                        false,
                        "cannot reach the Docker engine (connection refused)",
                        "Start it (sudo systemctl start docker)."),
                Inline.executors());

        viewModel.checkDocker();

        assertThat(viewModel.dockerReachableProperty().get()).isFalse();
        assertThat(viewModel.dockerMessageProperty().get())
                .isEqualTo("The Docker engine is not reachable: cannot reach the Docker engine (connection refused)");
        assertThat(viewModel.dockerFixProperty().get())
                .isEqualTo(
                        "Start it (sudo systemctl start docker). Attaching to an existing cluster works without it.");
    }

    @Test
    void aReachableEngineEnablesCreating() {
        StartViewModel viewModel = new StartViewModel(() -> new DockerStatus(true, "28.3.0", ""), Inline.executors());

        viewModel.checkDocker();

        assertThat(viewModel.dockerReachableProperty().get()).isTrue();
        assertThat(viewModel.dockerMessageProperty().get()).isEqualTo("Docker engine 28.3.0 is ready.");
        assertThat(viewModel.dockerFixProperty().get()).isEmpty();
    }
}
