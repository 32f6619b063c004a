package io.pgha.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.service.ClusterAction;
import io.pgha.console.testing.SampleCluster;
import io.pgha.console.testing.SimulatedCluster;
import io.pgha.console.testing.TestServices;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The candidate picker of switchover and failover: every candidate visible, words not identifiers, safe defaults. */
class SwitchoverDialogsTest extends ConsoleUiTest {

    private SimulatedCluster cluster;

    @Override
    protected void prepare(TestServices services) {
        cluster = services.addCluster("demo");
    }

    @Test
    void everyCandidateIsVisibleWithoutScrollingAndRolesAreWords(FxRobot robot) {
        openCluster(robot, "demo");
        cluster.monitor().publish(SampleCluster.withQuorumStandby("pg-1", 0));
        until(() -> node(robot, "#pg-node-pg-1", Node.class).getStyleClass().contains("role-quorum_standby"));

        robot.clickOn("#action-switchover");
        until(() -> exists(robot, "#candidate-list"));

        ListView<?> list = node(robot, "#candidate-list", ListView.class);
        List<ListCell<?>> cells = robot.from(list).lookup(".list-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> !c.isEmpty() && c.isVisible())
                .<ListCell<?>>map(c -> c)
                .toList();
        assertThat(cells).hasSize(2);
        Bounds viewport = list.localToScreen(list.getLayoutBounds());
        for (ListCell<?> cell : cells) {
            Bounds b = cell.localToScreen(cell.getLayoutBounds());
            assertThat(b.getMaxY()).as(cell.getText() + " fully shown").isLessThanOrEqualTo(viewport.getMaxY());
        }
        assertThat(robot.from(list).lookup(".scroll-bar").queryAllAs(ScrollBar.class))
                .filteredOn(b -> b.getOrientation() == Orientation.VERTICAL)
                .noneMatch(Node::isVisible);
        assertThat(cells)
                .extracting(ListCell::getText)
                .anyMatch(t -> t.contains("quorum standby"))
                .noneMatch(t -> t.contains("_"));
        robot.clickOn("Cancel");
    }

    @Test
    void theFailoverDialogDefaultsToCancelSoEnterPromotesNothing(FxRobot robot) {
        openCluster(robot, "demo");

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.F).release(KeyCode.F, KeyCode.SHIFT, KeyCode.CONTROL);
        until(() -> exists(robot, "#candidate-list"));
        Button cancel = robot.lookup("#candidate-dialog .button").queryAllAs(Button.class).stream()
                .filter(b -> b.getText().equals("Cancel"))
                .findFirst()
                .orElseThrow();
        assertThat(cancel.isDefaultButton()).isTrue();
        assertThat(node(robot, "#confirm-button", Button.class).isDefaultButton())
                .isFalse();
        robot.press(KeyCode.ENTER).release(KeyCode.ENTER);

        until(() -> !exists(robot, "#candidate-list"));
        assertThat(cluster.performed()).isEmpty();
    }

    @Test
    void failingOverAHealthyPrimaryIsDiscouragedAndNeedsTheClusterNameTyped(FxRobot robot) {
        openCluster(robot, "demo");
        robot.clickOn("#action-failover");
        until(() -> exists(robot, "#failover-healthy-leader"));

        Button confirm = node(robot, "#confirm-button", Button.class);
        assertThat(confirm.isDisabled()).isTrue();
        robot.clickOn("#confirm-cluster-name").write("dem");
        assertThat(confirm.isDisabled()).isTrue();
        robot.write("o");
        until(() -> !confirm.isDisabled());

        robot.clickOn("#switchover-instead");
        until(() -> exists(robot, "#candidate-list") && !exists(robot, "#failover-healthy-leader"));
        assertThat(node(robot, "#candidate-dialog", Node.class)
                        .getScene()
                        .getWindow()
                        .isShowing())
                .isTrue();
        assertThat(exists(robot, "#schedule-switchover"))
                .as("the switchover dialog")
                .isTrue();
        robot.clickOn("Cancel");
        assertThat(cluster.performed()).isEmpty();
    }

    @Test
    void aFailoverWithoutAHealthyPrimaryAsksForNoName(FxRobot robot) {
        openCluster(robot, "demo");
        cluster.monitor().publish(SampleCluster.primaryDown("pg-0", Instant.now()));
        until(() -> !exists(robot, "#pg-node-pg-0"));

        robot.clickOn("#action-failover");
        until(() -> exists(robot, "#candidate-list"));

        assertThat(exists(robot, "#failover-healthy-leader")).isFalse();
        assertThat(exists(robot, "#confirm-cluster-name")).isFalse();
        assertThat(node(robot, "#confirm-button", Button.class).isDisabled()).isFalse();
        robot.clickOn("#confirm-button");
        until(() -> !cluster.performed().isEmpty());
        assertThat(cluster.performed().getFirst()).isInstanceOf(ClusterAction.Failover.class);
    }

    @Test
    void aSwitchoverCanBeScheduledForALocalTimeInTheFuture(FxRobot robot) {
        openCluster(robot, "demo");
        robot.clickOn("#action-switchover");
        until(() -> exists(robot, "#schedule-switchover"));
        LocalDate tomorrow = LocalDate.now().plusDays(1);

        robot.clickOn("#schedule-switchover");
        robot.interact(() -> {
            node(robot, "#schedule-date", DatePicker.class)
                    .setValue(LocalDate.now().minusDays(1));
        });
        until(() -> node(robot, "#confirm-button", Button.class).isDisabled());
        assertThat(exists(robot, "#schedule-problem")).isTrue();
        robot.interact(() -> {
            node(robot, "#schedule-date", DatePicker.class).setValue(tomorrow);
            spinner(robot, "#schedule-hour").getValueFactory().setValue(23);
            spinner(robot, "#schedule-minute").getValueFactory().setValue(30);
        });
        assertThat(node(robot, "#schedule-switchover", CheckBox.class).isSelected())
                .isTrue();
        until(() -> !node(robot, "#confirm-button", Button.class).isDisabled());
        robot.clickOn("#confirm-button");

        until(() -> !cluster.performed().isEmpty());
        Instant at = LocalDateTime.of(tomorrow, java.time.LocalTime.of(23, 30))
                .atZone(ZoneId.systemDefault())
                .toInstant();
        assertThat(cluster.performed()).containsExactly(new ClusterAction.Switchover("pg-0", "pg-1", Optional.of(at)));
        until(() -> !notices.notices().isEmpty());
        assertThat(notices.last().title()).isEqualTo("Schedule switchover to pg-1");
        assertThat(node(robot, "#cluster-health", javafx.scene.control.Label.class)
                        .getText())
                .isEqualTo("healthy");
    }

    @SuppressWarnings("unchecked")
    private static Spinner<Integer> spinner(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Spinner.class);
    }
}
