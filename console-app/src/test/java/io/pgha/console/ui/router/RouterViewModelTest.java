package io.pgha.console.ui.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pgha.console.testing.SampleCluster;
import io.pgha.console.ui.common.Tone;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterViewModelTest {

    private final List<String> opened = new ArrayList<>();
    private final RouterViewModel viewModel = new RouterViewModel(SampleCluster.connection("demo"), opened::add);

    @Test
    void backendsPerListenerWithServersDownByDesignInGrey() {
        viewModel.apply(SampleCluster.healthy());

        assertThat(viewModel.rows())
                .extracting(BackendRow::listener, BackendRow::server, BackendRow::status, BackendRow::tone)
                .containsExactly(
                        tuple("reads :5001", "pg-0", "DOWN (standby)", Tone.UNKNOWN),
                        tuple("reads :5001", "pg-1", "UP", Tone.OK),
                        tuple("reads :5001", "pg-2", "UP", Tone.OK),
                        tuple("writes :5000", "pg-0", "UP", Tone.OK),
                        tuple("writes :5000", "pg-1", "DOWN (standby)", Tone.UNKNOWN),
                        tuple("writes :5000", "pg-2", "DOWN (standby)", Tone.UNKNOWN));
        assertThat(viewModel.summaryProperty().get()).isEqualTo("12 write sessions · 8 read sessions");
    }

    @Test
    void aReplicaDownOnTheReadListenerIsAFailure() {
        viewModel.apply(SampleCluster.primaryDown("pg-0", SampleCluster.T0));

        assertThat(viewModel.rows())
                .filteredOn(r -> r.listener().startsWith("reads") && r.server().equals("pg-0"))
                .extracting(BackendRow::tone)
                .containsExactly(Tone.FAIL);
    }

    @Test
    void theStatsLinkOpensTheStatsPage() {
        viewModel.openStatsPage();

        assertThat(opened).containsExactly("http://127.0.0.1:8404/");
    }
}
