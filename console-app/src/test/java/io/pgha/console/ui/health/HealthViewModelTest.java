package io.pgha.console.ui.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.testing.SampleCluster;
import io.pgha.console.ui.common.Tone;
import org.junit.jupiter.api.Test;

class HealthViewModelTest {

    private final HealthViewModel viewModel = new HealthViewModel();

    @Test
    void failingChecksComeFirstThenWarnings() {
        viewModel.apply(SampleCluster.primaryDown("pg-0", SampleCluster.T0));

        assertThat(viewModel.rows())
                .extracting(HealthRow::tone)
                .startsWith(Tone.FAIL, Tone.FAIL, Tone.FAIL)
                .contains(Tone.WARN);
        assertThat(viewModel.rows())
                .extracting(HealthRow::tone)
                .isSortedAccordingTo((a, b) -> b.severity() - a.severity());
        assertThat(viewModel.countsProperty().get()).isEqualTo("3 failing · 1 warning · 0 unknown · 10 passing");
        assertThat(viewModel.worst()).isEqualTo(Tone.FAIL);
    }

    @Test
    void filtersByStatusAndText() {
        viewModel.apply(SampleCluster.primaryDown("pg-0", SampleCluster.T0));

        viewModel.statusFilter().set(StatusFilter.FAILING);
        assertThat(viewModel.rows()).hasSize(3).allMatch(r -> r.tone() == Tone.FAIL);

        viewModel.statusFilter().set(StatusFilter.ALL);
        viewModel.textFilter().set("etcd");
        assertThat(viewModel.rows()).hasSize(4).allMatch(r -> r.kind().startsWith("etcd"));

        viewModel.textFilter().set("refused");
        assertThat(viewModel.rows()).extracting(HealthRow::target).containsExactly("pg-0");
    }

    @Test
    void eachRowSaysLatencyAndWhenItWasChecked() {
        viewModel.apply(SampleCluster.healthy());

        HealthRow quorum = viewModel.rows().stream()
                .filter(r -> r.kind().equals("etcd quorum"))
                .findFirst()
                .orElseThrow();
        assertThat(quorum.latency()).isEqualTo("4 ms");
        assertThat(quorum.checkedAt()).matches("\\d\\d:\\d\\d:\\d\\d");
        assertThat(quorum.status()).isEqualTo("pass");
    }

    @Test
    void aCertificateNearItsEndIsAWarningRowThatSaysWhatToDo() {
        viewModel.apply(SampleCluster.certificateExpiresSoon());

        HealthRow first = viewModel.rows().get(0);
        assertThat(first.kind()).isEqualTo("certificate expiry");
        assertThat(first.target()).isEqualTo("pg-1");
        assertThat(first.tone()).isEqualTo(Tone.WARN);
        assertThat(first.detail()).contains("pgha certs rotate");
        assertThat(viewModel.worst()).isEqualTo(Tone.WARN);

        viewModel.textFilter().set("certificate");
        assertThat(viewModel.rows()).extracting(HealthRow::target).containsExactly("pg-1");
    }
}
