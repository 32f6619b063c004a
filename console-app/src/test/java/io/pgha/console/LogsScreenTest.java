package io.pgha.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.service.LogLine;
import io.pgha.console.testing.LoggedMessages;
import io.pgha.console.testing.SimulatedCluster;
import io.pgha.console.testing.TestServices;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Font;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/** The Logs tab over a simulated cluster whose containers log the way Patroni and PostgreSQL do. */
class LogsScreenTest extends ConsoleUiTest {

    private SimulatedCluster cluster;

    @RegisterExtension
    final LoggedMessages controls = new LoggedMessages("javafx.scene.control");

    @Override
    protected void prepare(TestServices services) {
        cluster = services.addCluster("demo");
    }

    private void openLogs(FxRobot robot) {
        openCluster(robot, "demo");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT7).release(KeyCode.DIGIT7, KeyCode.CONTROL);
        until(() -> node(robot, "#workspace-tabs", TabPane.class)
                        .getSelectionModel()
                        .getSelectedIndex()
                == 6);
    }

    @Test
    void theLeadersLogIsShownWithoutAClickAndColouredByTheLevelEachLineStates(FxRobot robot) {
        openLogs(robot);

        until(() -> "pg-0".equals(node(robot, "#log-container", ComboBox.class).getValue()));
        until(() -> node(robot, "#log-lines", ListView.class).getItems().size() == 20);
        List<ListCell<?>> cells = cells(robot);
        assertThat(cells)
                .as("Patroni's INFO comes on stderr and is not an error")
                .filteredOn(c -> c.getText().contains(" INFO: "))
                .isNotEmpty()
                .allSatisfy(c ->
                        assertThat(c.getStyleClass()).contains("level-info").doesNotContain("level-error"));
        assertThat(cells)
                .filteredOn(c -> c.getText().contains(" FATAL: "))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.getStyleClass()).contains("level-error"));
        assertThat(cells)
                .filteredOn(c -> c.getText().contains(" WARNING: "))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.getStyleClass()).contains("level-warn"));
        ListCell<?> cell = cells.getFirst();
        double lineHeight = cell.getFont().getSize() * 1.25;
        assertThat(cell.getHeight())
                .as("one text line per row, not AtlantaFX's 3em rows")
                .isLessThan(lineHeight * 1.5)
                .isGreaterThanOrEqualTo(Font.getDefault().getSize() * 0.9);
    }

    @Test
    void followingALogLongerThanTheViewportKeepsTheNewestLineInViewWithoutCellCountComplaints(FxRobot robot) {
        cluster.logLines(1000);
        openLogs(robot);
        ListView<?> lines = node(robot, "#log-lines", ListView.class);
        until(() -> lines.getItems().size() == 1000);

        for (int from = 1000; from < 3000; from += 50) {
            cluster.log("pg-0", from, 50);
            int expected = from + 50;
            until(() -> lines.getItems().size() == expected);
        }
        String newest = ((LogLine) lines.getItems().getLast()).text();
        until(() -> cells(robot).stream().anyMatch(c -> c.getText().equals(newest)));
        assertThat(controls.messages()).noneMatch(m -> m.contains("maxCellCount"));
    }

    private static List<ListCell<?>> cells(FxRobot robot) {
        return robot.lookup("#log-lines .list-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> c.isVisible() && !c.isEmpty() && c.getText() != null)
                .<ListCell<?>>map(c -> c)
                .toList();
    }
}
