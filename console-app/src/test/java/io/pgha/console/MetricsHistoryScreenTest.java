package io.pgha.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.testing.FakeMetricsHistory;
import io.pgha.console.testing.TestServices;
import io.pgha.console.ui.metrics.MetricsHistoryViewModel;
import io.pgha.runtime.usecase.HistoryRange;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The metrics screen's range choice over a (fake) Prometheus, and the note for a cluster without history. */
class MetricsHistoryScreenTest extends ConsoleUiTest {

    private final FakeMetricsHistory prometheus = new FakeMetricsHistory(Clock.systemUTC());
    private final FakeMetricsHistory silent = new FakeMetricsHistory(Clock.systemUTC());

    @Override
    protected void prepare(TestServices services) {
        services.addCluster("demo").withHistory(prometheus);
        services.addCluster("attached");
        silent.fail();
        services.addCluster("silent").withHistory(silent);
    }

    @Test
    void theChartsShowTheChosenRangeFromPrometheus(FxRobot robot) {
        openMetrics(robot, "demo");
        LineChart<?, ?> connections = node(robot, "#chart-connections", LineChart.class);
        until(() -> connections.getData().size() == 3);
        assertThat(connections.getData()).extracting(s -> s.getName()).containsExactly("pg-0", "pg-1", "pg-2");
        assertThat(oldest(connections)).as("minutes before the console opened").isLessThan(-14);
        assertThat(node(robot, "#metrics-note", Label.class).isVisible()).isFalse();
        assertThat(node(robot, "#range-minutes-15", ToggleButton.class).isSelected())
                .isTrue();
        assertThat(node(robot, "#metrics-range", Region.class).isDisabled()).isFalse();
        for (LineChart<?, ?> chart : robot.lookup(".metrics-chart").queryAllAs(LineChart.class)) {
            Labeled title = (Labeled) chart.getYAxis().lookup(".axis-label");
            until(() -> shown(title).equals(title.getText()));
        }

        robot.clickOn("#range-hours-24");

        until(() -> prometheus.asked().contains(HistoryRange.HOURS_24) && oldest(connections) < -23);
        NumberAxis time = (NumberAxis) connections.getXAxis();
        assertThat(time.getLabel()).isEqualTo("hours ago");
        assertThat(time.getLowerBound()).isEqualTo(-24);
        assertThat(node(robot, "#range-hours-24", ToggleButton.class).isSelected())
                .isTrue();

        robot.clickOn("#range-hours-24");
        assertThat(node(robot, "#range-hours-24", ToggleButton.class).isSelected())
                .as("a range stays chosen")
                .isTrue();
        robot.clickOn("#range-hour-1");
        until(() -> time.getLowerBound() == -60 && time.getLabel().equals("minutes ago"));
    }

    @Test
    void withoutPrometheusTheChartsAreLiveWithANoteAndNoRangeChoice(FxRobot robot) {
        openMetrics(robot, "attached");
        LineChart<?, ?> lag = node(robot, "#chart-replication_lag", LineChart.class);
        until(() -> lag.getData().size() == 2);
        Label note = node(robot, "#metrics-note", Label.class);
        assertThat(note.isVisible()).isTrue();
        assertThat(note.getText()).isEqualTo(MetricsHistoryViewModel.LIVE_ONLY);
        assertThat(node(robot, "#metrics-range", Region.class).isDisabled()).isTrue();
        assertThat(oldest(lag)).as("only what the console sampled").isGreaterThan(-1);

        openMetrics(robot, "silent");
        until(() -> robot.lookup("#metrics-note").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.isVisible()
                        && l.getText().contains("Cannot connect to Prometheus at " + FakeMetricsHistory.SOURCE)));
    }

    private void openMetrics(FxRobot robot, String cluster) {
        until(() -> exists(robot, "#cluster-" + cluster));
        robot.clickOn("#cluster-" + cluster);
        until(() -> exists(robot, "#pg-node-pg-0"));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        until(() -> node(robot, "#workspace-tabs", TabPane.class)
                        .getSelectionModel()
                        .getSelectedIndex()
                == 3);
    }

    /** The text as drawn: cut with an ellipsis when it does not fit. */
    private static String shown(Labeled labeled) {
        return labeled.lookup(".text") instanceof Text t ? t.getText() : labeled.getText();
    }

    /** The oldest point of the chart, in the time axis's unit (negative: before its newest point). */
    private static double oldest(LineChart<?, ?> chart) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> chart.getData().stream()
                            .flatMap(s -> s.getData().stream())
                            .mapToDouble(d -> ((Number) d.getXValue()).doubleValue())
                            .min()
                            .orElse(0))
                    .get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }
}
