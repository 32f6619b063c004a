package io.pgha.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.testing.SimulatedCluster;
import io.pgha.console.testing.TestServices;
import io.pgha.console.ui.common.Notice;
import javafx.scene.Group;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * The day-two changes' dialog over a simulated cluster whose plans come from the runtime's planner: the plan shown
 * before anything runs, the typed confirmation when the old data goes, the steps' progress while the window and the
 * topology keep working (the member drawn as being replaced), a failure that lists the steps not done, and Settings'
 * Apply spec: the running spec to edit, what an edit changes and its plan, confirmed by a click only.
 */
class NodeChangesScreenTest extends ConsoleUiTest {

    private SimulatedCluster cluster;

    @Override
    protected void prepare(TestServices services) {
        cluster = services.addCluster("demo");
    }

    @SuppressWarnings("unchecked")
    private static ListView<Object> steps(FxRobot robot) {
        return node(robot, "#change-steps", ListView.class);
    }

    /** What the list shows for step {@code index}: its line, state and latest detail. */
    private static String stepText(FxRobot robot, int index) {
        return robot.lookup("#change-steps .list-cell").queryAll().stream()
                .map(n -> (javafx.scene.control.ListCell<?>) n)
                .filter(c -> c.getIndex() == index && c.getGraphic() != null)
                .flatMap(c -> robot.from(c.getGraphic()).lookup(".change-step-text").queryAll().stream())
                .map(n -> ((Label) n).getText())
                .findFirst()
                .orElse("");
    }

    @Test
    void replacesAMemberAfterThePlanAndTheTypedNameWithItsProgressOnTheTopology(FxRobot robot) {
        openCluster(robot, "demo");
        robot.clickOn("#pg-node-pg-2");
        until(() -> exists(robot, "#replace-node"));
        robot.clickOn("#replace-node");
        until(() -> exists(robot, "#change-dialog"));
        until(() -> steps(robot).getItems().size() == 1);
        assertThat(stepText(robot, 0))
                .startsWith("1. replace pg-2 (new container and volume): its data copied aside")
                .contains("cloned from pg-1", "the old data kept");
        Button confirm = node(robot, "#change-confirm", Button.class);
        until(() -> !confirm.isDisabled());
        assertThat(cluster.changes().runs())
                .as("nothing runs before the confirmation")
                .isEmpty();

        robot.clickOn("#change-keep-volume");
        until(() -> stepText(robot, 0).contains("the old data deleted once the new one streams"));
        until(confirm::isDisabled);
        assertThat(node(robot, "#change-warning", Label.class).getText())
                .startsWith("The data of pg-2 is DELETED for good");
        robot.clickOn("#change-typed").write("pg-2");
        until(() -> !confirm.isDisabled());

        cluster.changes().holdAt(0);
        robot.clickOn(confirm);
        until(() -> stepText(robot, 0).contains("[running]"));
        until(() -> node(robot, "#pg-node-pg-2", Group.class).getStyleClass().contains("tone-planned"));
        assertThat(robot.lookup("#pg-node-pg-2 .node-facts").queryAll().stream()
                        .anyMatch(n -> n instanceof javafx.scene.text.Text t
                                && t.getText().startsWith("being replaced")))
                .as("the topology draws pg-2 as being replaced")
                .isTrue();
        assertThat(node(robot, "#cluster-activity", Label.class).getText()).contains("Replace node");
        assertThat(node(robot, "#action-changes", MenuButton.class).isDisabled())
                .as("one change at a time")
                .isTrue();
        robot.clickOn("#tab-health");
        until(() -> exists(robot, "#health-view"));
        robot.clickOn("#tab-topology");
        cluster.changes().release();

        until(() -> stepText(robot, 0).contains("[done]"));
        until(() -> node(robot, "#change-outcome", Label.class).getText().startsWith("Replace node: done in "));
        assertThat(cluster.changes().runs()).containsExactly("REPLACE_MEMBER pg-2");
        until(() -> notices.last() != null && notices.last().level() == Notice.Level.SUCCESS);
        robot.clickOn("#change-cancel");
        until(() -> !exists(robot, "#change-dialog"));
    }

    @Test
    void anUpgradeThatFailsStopsAndListsTheStepsNotDone(FxRobot robot) {
        openCluster(robot, "demo");
        MenuButton menu = node(robot, "#action-changes", MenuButton.class);
        MenuItem upgrade = menu.getItems().stream()
                .filter(i -> "change-upgrade".equals(i.getId()))
                .findFirst()
                .orElseThrow();
        robot.interact(upgrade::fire);
        until(() -> exists(robot, "#change-dialog"));
        Button confirm = node(robot, "#change-confirm", Button.class);
        assertThat(confirm.isDisabled()).isTrue();
        assertThat(node(robot, "#change-problem", Label.class).getText()).startsWith("Name the image to run");

        robot.clickOn("#change-image").write("pgha/spilo-17:next");
        robot.clickOn("#change-plan");
        until(() -> steps(robot).getItems().size() == 4);
        assertThat(stepText(robot, 2)).startsWith("3. switchover pg-0 → pg-1: switchover pg-0 → pg-1 (≈1 s of writes)");
        until(() -> !confirm.isDisabled());
        assertThat(node(robot, "#change-typed", TextField.class).getParent().isVisible())
                .as("an upgrade keeps the data: nothing to type")
                .isFalse();

        cluster.changes().failAt(1, "pg-2 did not stream within 180 s");
        robot.clickOn(confirm);
        until(() -> node(robot, "#change-outcome", Label.class).getText().startsWith("Stopped: step 2"));
        until(() -> stepText(robot, 1).contains("[failed]"));
        assertThat(stepText(robot, 0)).contains("[done]");
        assertThat(stepText(robot, 1)).contains("pg-2 did not stream within 180 s");
        assertThat(stepText(robot, 2)).contains("[not done]");
        assertThat(stepText(robot, 3)).contains("[not done]");
        until(() -> notices.last() != null && notices.last().level() == Notice.Level.ERROR);
        assertThat(notices.last().text()).contains("Not done: 3. switchover pg-0 → pg-1");
        until(() -> !node(robot, "#action-changes", MenuButton.class).isDisabled());
        assertThat(node(robot, "#pg-node-pg-2", Group.class).getStyleClass())
                .as("after a failure the member is drawn as it is")
                .doesNotContain("tone-planned");
    }

    @Test
    void appliesAnEditedSpecFromSettingsOnlyOnAClickAndCancelChangesNothing(FxRobot robot) {
        openCluster(robot, "demo");
        robot.clickOn("#tab-settings");
        until(() -> exists(robot, "#settings-apply-spec"));
        robot.clickOn("#settings-apply-spec");
        until(() -> exists(robot, "#change-dialog"));
        TextArea spec = node(robot, "#change-spec", TextArea.class);
        until(() -> spec.getText().contains("nodes: 3"));
        Button confirm = node(robot, "#change-confirm", Button.class);
        assertThat(confirm.isDisabled()).isTrue();

        robot.interact(() -> spec.setText(spec.getText().replace("nodes: 3", "nodes: 4")));
        robot.clickOn("#change-plan");
        until(() -> steps(robot).getItems().size() == 1);
        assertThat(stepText(robot, 0)).startsWith("1. add pg-3: new replica of image pgha/spilo-17:local");
        assertThat(node(robot, "#change-spec-diff", Label.class).getText()).isEqualTo("nodes: 3 -> 4");
        until(() -> !confirm.isDisabled());
        assertThat(confirm.isDefaultButton()).as("Enter never applies a plan").isFalse();

        robot.clickOn("#change-cancel");
        until(() -> !exists(robot, "#change-dialog"));
        assertThat(cluster.changes().runs()).as("cancel applies nothing").isEmpty();
    }
}
