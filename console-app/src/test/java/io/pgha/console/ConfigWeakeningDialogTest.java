package io.pgha.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.testing.SimulatedCluster;
import io.pgha.console.testing.TestServices;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** A configuration change that weakens the cluster is applied only after a dialog that says what it weakens. */
class ConfigWeakeningDialogTest extends ConsoleUiTest {

    private SimulatedCluster demo;

    @Override
    protected void prepare(TestServices services) {
        demo = services.addCluster("demo");
    }

    private void editFsyncOff(FxRobot robot) {
        until(() -> exists(robot, "#cluster-demo"));
        robot.clickOn("#cluster-demo");
        until(() -> exists(robot, "#pg-node-pg-0"));
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT9).release(KeyCode.DIGIT9, KeyCode.CONTROL);
        until(() -> !node(robot, "#config-table", TableView.class).getItems().isEmpty());
        robot.interact(() ->
                app.viewModel().workspaceProperty().get().dynamicConfig().edit("postgresql.parameters.fsync", "off"));
        until(() -> !node(robot, "#config-apply", Button.class).isDisabled());
        robot.clickOn("#config-apply");
        until(() -> exists(robot, "#config-weakening-dialog"));
    }

    @Test
    void theDialogSaysWhatItWeakensAndOnlyApplyAnywaySendsIt(FxRobot robot) {
        editFsyncOff(robot);
        assertThat(node(robot, "#config-weakening-dialog", DialogPane.class).getContentText())
                .startsWith("weakens durability: postgresql.parameters.fsync (unset) → off: a crash")
                .contains("written to the audit journal");
        assertThat(demo.configApplied()).isEmpty();

        robot.clickOn("#config-weakening-confirm");

        until(() -> !demo.configApplied().isEmpty());
        assertThat(demo.configApplied()).containsExactly("{postgresql.parameters.fsync=off} confirmed");
    }

    @Test
    void cancelSendsNothing(FxRobot robot) {
        editFsyncOff(robot);
        Button cancel = robot.lookup("#config-weakening-dialog .button").queryAllAs(Button.class).stream()
                .filter(b -> b.getText().equals("Cancel"))
                .findFirst()
                .orElseThrow();
        assertThat(cancel.isDefaultButton())
                .as("Enter does not weaken the cluster")
                .isTrue();

        robot.clickOn(cancel);

        until(() -> !exists(robot, "#config-weakening-dialog"));
        assertThat(demo.configApplied()).isEmpty();
        assertThat(node(robot, "#config-apply", Button.class).isDisabled())
                .as("the edit is still there")
                .isFalse();
    }
}
