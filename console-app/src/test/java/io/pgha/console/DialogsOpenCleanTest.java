package io.pgha.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.testing.TestServices;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** Create and Attach open without errors, propose what is free, and grow with their content. */
class DialogsOpenCleanTest extends ConsoleUiTest {

    @Override
    protected void prepare(TestServices services) {
        services.addCluster("pg-ha");
    }

    @Test
    void createProposesAFreeNameAndFreePortsAndShowsNoErrorBeforeTyping(FxRobot robot) {
        until(() -> exists(robot, "#cluster-pg-ha"));
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        until(() -> exists(robot, "#new-cluster-wizard"));
        assertThat(visibleErrors(robot, "#new-cluster-wizard"))
                .as("errors as the wizard opens")
                .isEmpty();

        until(() -> !node(robot, "#wizard-create", Button.class).isDisabled());
        assertThat(node(robot, "#wizard-name", TextField.class).getText()).isEqualTo("pg-ha-2");
        assertThat(node(robot, "#wizard-write-port", TextField.class).getText()).isNotEqualTo("5000");
        assertThat(node(robot, "#wizard-patroni-port", TextField.class).getText())
                .isNotEqualTo("8008");
        assertThat(visibleErrors(robot, "#new-cluster-wizard")).isEmpty();
        assertButtonsInside(robot, "#new-cluster-wizard");

        TextField retry = node(robot, "#wizard-retry-timeout", TextField.class);
        robot.interact(() -> retry.setText("10"));
        robot.interact(() -> node(robot, "#wizard-write-port", TextField.class).setText("8009x"));
        until(() -> visibleErrors(robot, "#new-cluster-wizard").size() == 2);
        assertButtonsInside(robot, "#new-cluster-wizard");
    }

    @Test
    void attachShowsNoErrorBeforeTypingAndItsExamplesAreReadable(FxRobot robot) {
        until(() -> exists(robot, "#cluster-pg-ha"));
        robot.clickOn("#sidebar-attach");
        until(() -> exists(robot, "#attach-dialog"));

        assertThat(visibleErrors(robot, "#attach-dialog")).isEmpty();
        assertThat(node(robot, "#attach-confirm", Button.class).isDisabled()).isTrue();
        assertThat(node(robot, "#attach-patroni-urls", TextArea.class).getPromptText())
                .doesNotContainPattern("\\d+pg-");
        assertThat(node(robot, "#attach-patroni-example", Label.class).getText().lines())
                .hasSize(2)
                .allMatch(l -> l.strip().replace("e.g.", "").strip().matches("pg-\\d=http://127\\.0\\.0\\.1:\\d+"));
        assertButtonsInside(robot, "#attach-dialog");

        robot.clickOn("#attach-name").write("Bad Name");
        until(() -> visibleErrors(robot, "#attach-dialog").size() == 1);
        assertButtonsInside(robot, "#attach-dialog");
    }

    private static List<Label> visibleErrors(FxRobot robot, String dialog) {
        return robot.lookup(dialog + " .field-error").queryAllAs(Label.class).stream()
                .filter(l -> l.isVisible() && !l.getText().isEmpty())
                .toList();
    }

    /** Every button of the dialog lies wholly inside its window. */
    private static void assertButtonsInside(FxRobot robot, String dialog) {
        Node pane = robot.lookup(dialog).query();
        until(() -> pane.getScene().getWindow().isShowing());
        Bounds window = pane.getScene()
                .getRoot()
                .localToScreen(pane.getScene().getRoot().getLayoutBounds());
        for (Button b : robot.lookup(dialog + " .button-bar .button").queryAllAs(Button.class)) {
            until(() -> {
                Bounds button = b.localToScreen(b.getLayoutBounds());
                return button.getMaxY() <= window.getMaxY() + 0.5 && button.getMinY() >= window.getMinY();
            });
        }
    }
}
