package io.pgha.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.testing.TestServices;
import java.util.List;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Path;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The live charts: titled axes with units, readable ticks, whole sessions, series told apart by colour. */
class MetricsScreenTest extends ConsoleUiTest {

    @Override
    protected void prepare(TestServices services) {
        services.addCluster("demo");
    }

    @Test
    void axesAreTitledAndTickedInTheirUnitsAndSeriesHaveDistinctColours(FxRobot robot) {
        openCluster(robot, "demo");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        until(() -> node(robot, "#workspace-tabs", TabPane.class)
                        .getSelectionModel()
                        .getSelectedIndex()
                == 3);
        LineChart<?, ?> lag = node(robot, "#chart-replication_lag", LineChart.class);
        LineChart<?, ?> sessions = node(robot, "#chart-router_sessions", LineChart.class);
        until(() -> lag.getData().size() == 2
                && !lag.getData().get(0).getData().isEmpty()
                && !sessions.getData().isEmpty());

        for (LineChart<?, ?> chart : robot.lookup(".metrics-chart").queryAllAs(LineChart.class)) {
            assertThat(chart.getYAxis().getLabel()).as(chart.getId()).isNotBlank();
            assertThat(chart.getXAxis().getLabel()).isEqualTo("minutes ago");
        }
        NumberAxis lagAxis = (NumberAxis) lag.getYAxis();
        until(() -> ticks(lagAxis).size() >= 3);
        assertThat(ticks(lagAxis)).allMatch(t -> t.matches("\\d+ B|\\d+\\.\\d (KiB|MiB|GiB)"));
        NumberAxis sessionAxis = (NumberAxis) sessions.getYAxis();
        assertThat(sessionAxis.getTickUnit() % 1).as("whole sessions").isZero();
        assertThat(ticks(sessionAxis)).allMatch(t -> t.matches("\\d+"));

        List<Paint> strokes = lag.getData().stream()
                .map(s -> ((Path) s.getNode()).getStroke())
                .toList();
        assertThat(strokes).doesNotHaveDuplicates().doesNotContainNull();
        assertThat(strokes.get(0)).isNotEqualTo(Paint.valueOf("#f3622d")).isNotEqualTo(Paint.valueOf("#fba71b"));
    }

    /** The tick labels as the axis writes them. */
    private static List<String> ticks(NumberAxis axis) {
        return axis.getTickMarks().stream()
                .map(t -> axis.getTickLabelFormatter().toString(t.getValue()))
                .toList();
    }
}
