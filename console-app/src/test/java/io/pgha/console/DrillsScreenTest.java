package io.pgha.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.service.DrillRequest;
import io.pgha.console.testing.SimulatedCluster;
import io.pgha.console.testing.TestServices;
import io.pgha.console.ui.common.Notice;
import io.pgha.runtime.drill.DrillScenario;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The Drills tab over a simulated cluster whose drills answer like the runtime's; and the supervisor in the topology. */
class DrillsScreenTest extends ConsoleUiTest {

    private SimulatedCluster cluster;

    @Override
    protected void prepare(TestServices services) {
        cluster = services.addCluster("demo");
    }

    private void openDrills(FxRobot robot) {
        openCluster(robot, "demo");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT8).release(KeyCode.DIGIT8, KeyCode.CONTROL);
        until(() -> exists(robot, "#drills-view"));
        assertThat(node(robot, "#workspace-tabs", TabPane.class)
                        .getSelectionModel()
                        .getSelectedItem()
                        .getText())
                .isEqualTo("Drills");
    }

    @SuppressWarnings("unchecked")
    private static void choose(FxRobot robot, DrillScenario scenario) {
        ComboBox<Object> picker = node(robot, "#drill-scenario", ComboBox.class);
        robot.interact(() -> picker.getSelectionModel()
                .select(picker.getItems().stream()
                        .filter(c -> c.toString().equals(scenario.cliName()))
                        .findFirst()
                        .orElseThrow()));
    }

    @Test
    void aConfirmedDrillRunsAndItsGapsAndFiguresAreShown(FxRobot robot) {
        openDrills(robot);
        assertThat(node(robot, "#drill-scenario", ComboBox.class).getItems())
                .as("the node drills, pitr, disaster and the two host drills")
                .hasSize(DrillScenario.values().length + 4);
        choose(robot, DrillScenario.STOP_PRIMARY);
        assertThat(node(robot, "#drill-description", Label.class).getText())
                .isEqualTo(DrillScenario.STOP_PRIMARY.description());
        assertThat(node(robot, "#drill-availability", Label.class).getText())
                .startsWith("Runs against demo on the local Docker engine");

        robot.clickOn("#drill-run");
        until(() -> exists(robot, "#confirm-dialog"));
        assertThat(node(robot, "#confirm-dialog", DialogPane.class).getContentText())
                .contains("Docker stops the container of the primary (pg-0 now).", "see the outage");
        assertThat(cluster.drills().requests())
                .as("nothing runs before the confirmation")
                .isEmpty();
        robot.clickOn("#confirm-button");

        until(() -> node(robot, "#drill-results", TableView.class).getItems().size() == 1);
        assertThat(cluster.drills().requests())
                .extracting(DrillRequest::scenario)
                .containsExactly(DrillScenario.STOP_PRIMARY);
        until(() ->
                node(robot, "#drill-figure-write-outage", Label.class).getText().equals("2.0 s (target ≤ 5.0 s)"));
        assertThat(node(robot, "#drill-figure-write-outage", Label.class).getStyleClass())
                .contains("tone-ok");
        assertThat(node(robot, "#drill-figure-rows-missing-RPO", Label.class).getText())
                .isEqualTo("0 of 2400 acknowledged");
        assertThat(node(robot, "#drill-chart", LineChart.class).getData()).hasSize(1);
        assertThat(node(robot, "#drill-log", ListView.class).getItems())
                .contains("[stop-primary 1/1] injecting stop-primary on pg-0");
        until(() -> !notices.notices().isEmpty());
        assertThat(notices.last().level()).isEqualTo(Notice.Level.SUCCESS);
        assertThat(node(robot, "#drill-run", Button.class).isDisabled()).isFalse();
    }

    @SuppressWarnings("unchecked")
    @Test
    void theDisasterDrillNeedsTheClusterNameTypedAndEnterDoesNotConfirm(FxRobot robot) {
        openDrills(robot);
        ComboBox<Object> picker = node(robot, "#drill-scenario", ComboBox.class);
        robot.interact(() -> picker.getSelectionModel()
                .select(picker.getItems().stream()
                        .filter(c -> c.toString().equals("disaster"))
                        .findFirst()
                        .orElseThrow()));
        until(() -> !node(robot, "#drill-run", Button.class).isDisabled());
        assertThat(node(robot, "#drill-runs", Node.class).isDisabled())
                .as("it runs once")
                .isTrue();

        robot.clickOn("#drill-run");
        until(() -> exists(robot, "#confirm-cluster-name"));
        Button confirm = node(robot, "#confirm-button", Button.class);
        assertThat(confirm.isDefaultButton()).isFalse();
        assertThat(confirm.isDisabled()).isTrue();
        robot.clickOn("#confirm-cluster-name").write("dem");
        assertThat(confirm.isDisabled()).as("a wrong name").isTrue();
        robot.write("o");
        until(() -> !confirm.isDisabled());
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
        assertThat(cluster.drills().otherDrills()).as("Enter does not confirm").isEmpty();
        assertThat(exists(robot, "#confirm-cluster-name"))
                .as("nor does it cancel: the field takes it")
                .isTrue();
        robot.clickOn("#confirm-button");

        until(() -> cluster.drills().otherDrills().contains("disaster"));
        until(() -> exists(robot, "#drill-figure-rows-lost-RPO"));
        assertThat(node(robot, "#drill-figure-rows-lost-RPO", Label.class).getText())
                .isEqualTo("14 of 2000 (the archive's lag)");
        TableView<Object> results = node(robot, "#drill-results", TableView.class);
        assertThat(results.getColumns().get(5).getText()).isEqualTo("Rows lost");
        assertThat(node(robot, "#drill-chart", Node.class).isVisible()).isFalse();
    }

    @Test
    void cancellingTheConfirmationRunsNothing(FxRobot robot) {
        openDrills(robot);

        robot.clickOn("#drill-run");
        until(() -> exists(robot, "#confirm-dialog"));
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);

        until(() -> !exists(robot, "#confirm-dialog"));
        assertThat(cluster.drills().requests()).isEmpty();
    }

    @Test
    void aRunningDrillCanBeCancelledAndIsHealed(FxRobot robot) {
        openDrills(robot);
        cluster.drills().holdRuns();

        robot.clickOn("#drill-run");
        until(() -> exists(robot, "#confirm-dialog"));
        robot.clickOn("#confirm-button");
        until(() -> node(robot, "#drill-log", ListView.class)
                .getItems()
                .contains("[kill-primary 1/1] injecting kill-primary on pg-0"));
        assertThat(node(robot, "#drill-run", Button.class).isDisabled())
                .as("one drill at a time")
                .isTrue();
        assertThat(node(robot, "#drill-scenario", Node.class).isDisabled()).isTrue();

        robot.clickOn("#drill-cancel");

        until(() -> node(robot, "#drill-message", Label.class)
                .getText()
                .equals("cancelled after 0 of 1 runs; the fault was healed"));
        assertThat(node(robot, "#drill-log", ListView.class).getItems())
                .contains("[kill-primary 1/1] healing the fault");
        assertThat(node(robot, "#drill-results", TableView.class).getItems()).isEmpty();
        assertThat(node(robot, "#drill-run", Button.class).isDisabled()).isFalse();
    }

    @Test
    void theSupervisorIsDrawnBesideTheRouterAndShowsItsContainer(FxRobot robot) {
        until(() -> exists(robot, "#cluster-demo"));
        robot.clickOn("#cluster-demo");
        until(() -> exists(robot, "#supervisor-node"));
        assertThat(node(robot, "#supervisor-node", Node.class).getStyleClass()).contains("tone-ok");
        assertThat(exists(robot, "#link-supervision")).isTrue();

        robot.clickOn("#supervisor-node");

        until(() -> node(robot, "#member-detail", VBox.class).isVisible());
        assertThat(robot.lookup("#member-detail .label").queryAllAs(Label.class))
                .extracting(Label::getText)
                .contains("pg-supervisor", "running (healthy)");
        assertThat(node(robot, "#restart-postgres", Button.class).isDisabled()).isTrue();
        assertThat(node(robot, "#restart-container", Button.class).isDisabled()).isFalse();
    }

    @SuppressWarnings("unchecked")
    @Test
    void aChaosRunStartsOnlyFromItsConfirmationAndEndsWithTheReport(FxRobot robot) {
        openDrills(robot);
        robot.clickOn("#chaos-open");
        until(() -> exists(robot, "#chaos-dialog"));
        Button start = node(robot, "#chaos-start", Button.class);
        assertThat(start.isDisabled()).isFalse();
        assertThat(node(robot, "#chaos-warning", Label.class).getText()).contains("kills, stops, freezes");
        assertThat(node(robot, "#chaos-plan", Label.class).getText()).endsWith("every chosen kind at least once");
        assertThat(node(robot, "#chaos-problem", Label.class).getStyleClass()).doesNotContain("field-error");
        assertThat(cluster.drills().chaosRequests())
                .as("nothing runs before the confirmation")
                .isEmpty();

        TextField duration = node(robot, "#chaos-duration", TextField.class);
        robot.interact(() -> duration.setText("5 minutes"));
        until(start::isDisabled);
        assertThat(node(robot, "#chaos-problem", Label.class).getText())
                .isEqualTo("Write the duration as 90s, 4m or 1h");
        assertThat(node(robot, "#chaos-problem", Label.class).getStyleClass()).contains("field-error");
        robot.interact(() -> {
            duration.setText("2m");
            node(robot, "#chaos-seed", TextField.class).setText("7");
        });
        for (DrillScenario s : DrillScenario.values()) {
            if (s != DrillScenario.KILL_PRIMARY && s != DrillScenario.SWITCHOVER) {
                robot.interact(() -> node(robot, "#chaos-kind-" + s.cliName(), CheckBox.class)
                        .setSelected(false));
            }
        }
        until(() -> !start.isDisabled());

        cluster.drills().holdRuns();
        robot.clickOn(start);
        ListView<String> log = node(robot, "#chaos-log", ListView.class);
        until(() -> log.getItems().size() >= 2);
        assertThat(node(robot, "#drill-run", Button.class).isDisabled())
                .as("no drill while chaos runs")
                .isTrue();
        assertThat(node(robot, "#chaos-stop", Button.class).isVisible()).isTrue();
        cluster.drills().release();

        until(() -> node(robot, "#chaos-verdict", Label.class).getText().startsWith("PASSED: 0 lost"));
        ListView<String> report = node(robot, "#chaos-report", ListView.class);
        assertThat(report.getItems()).contains("split-brain moments: 0", "duplicated writes: 0");
        assertThat(cluster.drills().chaosRequests()).singleElement().satisfies(r -> {
            assertThat(r.seed()).isEqualTo(7);
            assertThat(r.kinds()).containsExactly(DrillScenario.KILL_PRIMARY, DrillScenario.SWITCHOVER);
        });
        until(() -> notices.last() != null && notices.last().level() == Notice.Level.SUCCESS);
        robot.clickOn("#chaos-cancel");
        until(() -> !exists(robot, "#chaos-dialog"));
        until(() -> !node(robot, "#drill-run", Button.class).isDisabled());
    }
}
