package io.pgha.console.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.service.DatabaseCounters;
import io.pgha.console.testing.FakeMetricsHistory;
import io.pgha.console.testing.Inline;
import io.pgha.console.testing.InlineScheduler;
import io.pgha.console.testing.SampleCluster;
import io.pgha.runtime.usecase.HistoryRange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The charts' history from a fake Prometheus: read when shown and once per step, merged with what the console sampled. */
class MetricsHistoryViewModelTest {

    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    private final InlineScheduler scheduler = new InlineScheduler();
    private final FakeMetricsHistory prometheus = new FakeMetricsHistory(Clock.fixed(NOW, ZoneOffset.UTC));
    private final MetricsViewModel viewModel = new MetricsViewModel(
            Optional.of(prometheus), Inline.executors(scheduler), Clock.fixed(NOW, ZoneOffset.UTC));
    private final MetricsHistoryViewModel history = viewModel.history();

    @Test
    void nothingIsReadUntilTheScreenIsShownThenEveryChartOverTheRange() {
        scheduler.runDue();
        assertThat(prometheus.asked()).as("hidden: no request").isEmpty();

        history.shown(true);
        scheduler.runDue();

        assertThat(prometheus.asked()).hasSize(MetricChart.values().length).containsOnly(HistoryRange.MINUTES_15);
        assertThat(viewModel.lines(MetricChart.TRANSACTIONS)).containsOnlyKeys("pg-0", "pg-1", "pg-2");
        assertThat(viewModel.lines(MetricChart.REPLICATION_LAG)).containsOnlyKeys("pg-1", "pg-2");
        assertThat(viewModel.lines(MetricChart.ROUTER_SESSIONS)).containsOnlyKeys("writes", "reads");
        assertThat(history.noteProperty().get()).isEmpty();
        assertThat(history.rangeChoosableProperty().get()).isTrue();
    }

    @Test
    void aShownScreenReadsAgainOncePerStepAndAHiddenOneStops() {
        history.shown(true);
        scheduler.runDue();
        assertThat(scheduler.pending()).as("the next read, one step later").isEqualTo(1);
        scheduler.runDue();
        assertThat(prometheus.asked()).hasSize(2 * MetricChart.values().length);

        history.shown(false);
        assertThat(scheduler.pending()).isZero();
        scheduler.runDue();
        assertThat(prometheus.asked()).hasSize(2 * MetricChart.values().length);
    }

    @Test
    void choosingARangeReadsItAtOnceAndTheChartsSpanIt() {
        history.shown(true);
        scheduler.runDue();
        long before = viewModel.versionProperty().get();

        history.rangeProperty().set(ChartRange.HOURS_24);
        scheduler.runDue();

        assertThat(prometheus.asked()).endsWith(HistoryRange.HOURS_24);
        assertThat(viewModel.versionProperty().get()).isGreaterThan(before);
        List<TimeSeries.Point> pg1 = viewModel.lines(MetricChart.TRANSACTIONS).get("pg-1");
        assertThat(NOW.toEpochMilli() - pg1.getFirst().epochMillis())
                .as("a day back")
                .isGreaterThan(Duration.ofHours(23).toMillis())
                .isLessThanOrEqualTo(Duration.ofHours(24).toMillis());
        assertThat(scheduler.pending())
                .as("one chain of reads, not one per range chosen")
                .isEqualTo(1);
    }

    @Test
    void whatTheConsoleSampledFollowsEachLinesNewestPointFromPrometheus() {
        history.shown(true);
        scheduler.runDue();
        long newestFromPrometheus =
                viewModel.lines(MetricChart.CONNECTIONS).get("pg-0").getLast().epochMillis();
        for (int s = -60; s <= 0; s += 5) {
            Instant at = NOW.plusSeconds(s);
            viewModel.record(
                    at,
                    SampleCluster.healthy(),
                    new DatabaseCounters(at, OptionalLong.of(1000 + s), OptionalLong.of(7)));
        }

        List<TimeSeries.Point> pg0 = viewModel.lines(MetricChart.CONNECTIONS).get("pg-0");
        assertThat(pg0.getLast()).isEqualTo(new TimeSeries.Point(NOW.toEpochMilli(), 7));
        assertThat(pg0)
                .as("oldest first, the console's samples only after Prometheus's newest")
                .isSortedAccordingTo((a, b) -> Long.compare(a.epochMillis(), b.epochMillis()))
                .filteredOn(p -> p.epochMillis() <= newestFromPrometheus)
                .noneMatch(p -> p.value() == 7);
        assertThat(pg0.getFirst().epochMillis())
                .as("15 minutes back, from before the console sampled anything")
                .isLessThan(NOW.minus(Duration.ofMinutes(14)).toEpochMilli());
        assertThat(viewModel
                        .lines(MetricChart.CONNECTIONS)
                        .get("pg-1")
                        .getLast()
                        .epochMillis())
                .as("a replica's line ends where Prometheus's does")
                .isEqualTo(newestFromPrometheus);
    }

    @Test
    void aPrometheusThatDoesNotAnswerLeavesTheLiveChartsWithANoteAndIsAskedAgain() {
        prometheus.fail();
        history.shown(true);
        scheduler.runDue();
        viewModel.record(NOW, SampleCluster.healthy(), DatabaseCounters.none(NOW));

        assertThat(history.noteProperty().get())
                .startsWith(MetricsHistoryViewModel.LIVE_ONLY)
                .contains("Cannot connect to Prometheus at " + FakeMetricsHistory.SOURCE);
        assertThat(viewModel.lines(MetricChart.REPLICATION_LAG))
                .containsOnlyKeys("pg-1", "pg-2")
                .allSatisfy((name, line) -> assertThat(line).hasSize(1));
        assertThat(prometheus.asked()).as("the first failure ends the read").hasSize(1);

        prometheus.answer();
        scheduler.runDue();
        assertThat(history.noteProperty().get()).isEmpty();
        assertThat(viewModel.lines(MetricChart.TRANSACTIONS)).containsKeys("pg-1", "pg-2");
    }

    @Test
    void withoutPrometheusTheChartsAreLiveOnlyOverFifteenMinutesWithTheNote() {
        MetricsViewModel live = new MetricsViewModel();
        live.history().shown(true);

        assertThat(live.history().noteProperty().get()).isEqualTo(MetricsHistoryViewModel.LIVE_ONLY);
        assertThat(live.history().rangeChoosableProperty().get()).isFalse();
        assertThat(live.history().rangeProperty().get()).isEqualTo(ChartRange.MINUTES_15);
    }

    @Test
    void closingStopsReadingAndDropsAnAnswerUnderWay() {
        history.shown(true);
        history.close();

        scheduler.runDue();
        assertThat(prometheus.asked()).isEmpty();
        assertThat(viewModel.lines(MetricChart.TRANSACTIONS)).isEmpty();
    }
}
