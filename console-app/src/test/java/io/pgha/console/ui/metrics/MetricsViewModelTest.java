package io.pgha.console.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.service.DatabaseCounters;
import io.pgha.console.testing.SampleCluster;
import io.pgha.runtime.model.ClusterSnapshot;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MetricsViewModelTest {

    private final MetricsViewModel viewModel = new MetricsViewModel();
    private final ClusterSnapshot snapshot = SampleCluster.healthy();

    @Test
    void replicationLagIsASeriesPerReplicaAndRouterSessionsPerListener() {
        viewModel.record(SampleCluster.T0, snapshot, DatabaseCounters.none(SampleCluster.T0));

        assertThat(viewModel.series(MetricChart.REPLICATION_LAG)).containsOnlyKeys("pg-1", "pg-2");
        assertThat(viewModel
                        .series(MetricChart.REPLICATION_LAG)
                        .get("pg-2")
                        .last()
                        .value())
                .isEqualTo(131_072);
        assertThat(viewModel
                        .series(MetricChart.ROUTER_SESSIONS)
                        .get("writes")
                        .last()
                        .value())
                .isEqualTo(12);
        assertThat(viewModel
                        .series(MetricChart.ROUTER_SESSIONS)
                        .get("reads")
                        .last()
                        .value())
                .isEqualTo(8);
        assertThat(viewModel.databaseCountersProperty().get()).isFalse();
        assertThat(viewModel.versionProperty().get()).isEqualTo(1);
    }

    @Test
    void transactionsPerSecondComeFromTheCountersAndSkipAReset() {
        viewModel.record(SampleCluster.T0, snapshot, counters(0, 1000, 5));
        viewModel.record(SampleCluster.T0.plusSeconds(2), snapshot, counters(2, 1900, 7));
        viewModel.record(SampleCluster.T0.plusSeconds(4), snapshot, counters(4, 10, 7));

        assertThat(viewModel.series(MetricChart.TRANSACTIONS))
                .as("named after the primary, like Prometheus's lines")
                .containsOnlyKeys("pg-0");
        assertThat(viewModel.series(MetricChart.TRANSACTIONS).get("pg-0").points())
                .extracting(TimeSeries.Point::value)
                .containsExactly(450.0);
        assertThat(viewModel.series(MetricChart.CONNECTIONS).get("pg-0").points())
                .hasSize(3);
        assertThat(viewModel.databaseCountersProperty().get()).isTrue();
    }

    @Test
    void noRateIsTakenAcrossAChangeOfPrimary() {
        viewModel.record(SampleCluster.T0, snapshot, counters(0, 1000, 5));
        ClusterSnapshot afterSwitchover = SampleCluster.withLeader("pg-1", 4, SampleCluster.T0.plusSeconds(2));
        viewModel.record(SampleCluster.T0.plusSeconds(2), afterSwitchover, counters(2, 5000, 5));
        viewModel.record(SampleCluster.T0.plusSeconds(4), afterSwitchover, counters(4, 5100, 5));

        assertThat(viewModel.series(MetricChart.TRANSACTIONS)).containsOnlyKeys("pg-1");
        assertThat(viewModel.series(MetricChart.TRANSACTIONS).get("pg-1").points())
                .extracting(TimeSeries.Point::value)
                .containsExactly(50.0);
        assertThat(viewModel.series(MetricChart.CONNECTIONS)).containsOnlyKeys("pg-0", "pg-1");
    }

    @Test
    void withoutHistoryTheLinesAreWhatWasSampled() {
        viewModel.record(SampleCluster.T0, snapshot, counters(0, 1000, 5));
        viewModel.record(SampleCluster.T0.plusSeconds(2), snapshot, counters(2, 1900, 7));

        assertThat(viewModel.lines(MetricChart.CONNECTIONS).get("pg-0"))
                .extracting(TimeSeries.Point::value)
                .containsExactly(5.0, 7.0);
        assertThat(viewModel.lines(MetricChart.REPLICATION_LAG)).containsOnlyKeys("pg-1", "pg-2");
    }

    @Test
    void keepsFifteenMinutesAndNoMore() {
        for (int i = 0; i <= 20 * 60; i += 2) {
            viewModel.record(SampleCluster.T0.plusSeconds(i), snapshot, DatabaseCounters.none(SampleCluster.T0));
        }

        TimeSeries lag = viewModel.series(MetricChart.REPLICATION_LAG).get("pg-1");
        long spanMillis = lag.last().epochMillis() - lag.points().get(0).epochMillis();
        assertThat(spanMillis).isEqualTo(MetricsViewModel.WINDOW.toMillis());
        assertThat(lag.capacity()).isGreaterThanOrEqualTo((int) MetricsViewModel.WINDOW.toSeconds());
    }

    private static DatabaseCounters counters(long seconds, long transactions, long connections) {
        Instant at = SampleCluster.T0.plusSeconds(seconds);
        return new DatabaseCounters(at, OptionalLong.of(transactions), OptionalLong.of(connections));
    }
}
