package io.pgha.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.testing.LoggedMessages;
import io.pgha.console.testing.SimulatedCluster;
import io.pgha.console.testing.TestServices;
import io.pgha.console.ui.common.Notice;
import io.pgha.console.ui.events.EventRow;
import io.pgha.runtime.model.ClusterEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * A switchover started from the console is shown as planned work from the click to the healthy end: never
 * "down", the handover drawn, the write pause measured, its notice inside the window and its event last.
 */
class PlannedSwitchoverTest extends ConsoleUiTest {

    private SimulatedCluster cluster;
    private final List<String> badges = new CopyOnWriteArrayList<>();
    private final List<String> sidebar = new CopyOnWriteArrayList<>();

    @RegisterExtension
    final LoggedMessages css = new LoggedMessages("javafx.css");

    @Override
    protected void prepare(TestServices services) {
        cluster = services.addCluster("demo");
    }

    @Test
    void aSwitchoverIsShownAsSwitchingOverNeverDownAndEndsWithTheMeasuredWritePause(FxRobot robot) {
        openCluster(robot, "demo");
        Label badge = node(robot, "#cluster-health", Label.class);
        Label state = robot.lookup("#cluster-demo").lookup(".muted").queryAs(Label.class);
        robot.interact(() -> {
            badge.textProperty().addListener((o, a, text) -> badges.add(text));
            state.textProperty().addListener((o, a, text) -> sidebar.add(text));
        });
        cluster.holdSwitchovers();

        robot.clickOn("#action-switchover");
        until(() -> exists(robot, "#candidate-list"));
        robot.clickOn("#confirm-button");

        until(() -> badge.getText().equals("switching over (pg-0 → pg-1)"));
        until(() -> !cluster.monitor().current().leader().isPresent());
        assertThat(badge.getStyleClass()).contains("tone-planned").doesNotContain("tone-fail");
        assertThat(node(robot, "#cluster-activity-spinner", ProgressIndicator.class)
                        .isVisible())
                .isTrue();
        assertThat(state.getText()).isEqualTo("switching over (pg-0 → pg-1)");
        assertThat(robot.lookup("#cluster-demo .status-dot").queryAs(Node.class).getStyleClass())
                .contains("tone-planned");
        assertThat(exists(robot, "#link-handover-pg-1"))
                .as("the handover is drawn")
                .isTrue();
        for (String drawn :
                List.of("#router-node", "#pg-node-pg-0", "#pg-node-pg-1", "#link-write-pg-0", "#link-read-pg-0")) {
            robot.lookup(drawn)
                    .tryQuery()
                    .ifPresent(n -> assertThat(n.getStyleClass()).as(drawn).doesNotContain("tone-fail"));
        }
        assertThat(node(robot, "#cluster-summary", Label.class).getText())
                .startsWith("primary moving to pg-1")
                .doesNotContain("no primary");

        cluster.releaseSwitchover();

        until(() -> !notices.notices().isEmpty());
        assertThat(notices.last().level()).isEqualTo(Notice.Level.SUCCESS);
        assertThat(notices.last().text()).endsWith("writes paused 0.8 s");
        until(() -> badge.getText().equals("healthy"));
        assertThat(node(robot, "#cluster-activity", Label.class).getText()).contains("writes paused 0.8 s");
        assertThat(badges).as("the badge during the switchover").doesNotContain("down", "degraded");
        assertThat(sidebar).as("the sidebar during the switchover").doesNotContain("down", "degraded");

        List<EventRow> events =
                app.viewModel().workspaceProperty().get().events().rows();
        until(() -> events.stream()
                .anyMatch(r -> r.event().kind() == ClusterEvent.Kind.OPERATION
                        && r.event().subject().equals("pg-1")));
        assertThat(events.getFirst().event().kind())
                .as("the operation's outcome is the newest event")
                .isEqualTo(ClusterEvent.Kind.OPERATION);
        assertThat(events).extracting(r -> r.event().at()).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void theResultNoticeSitsInsideTheWindowWithoutAQuestionMarkAndStylesWithoutErrors(FxRobot robot) {
        openCluster(robot, "demo");

        robot.clickOn("#action-switchover");
        until(() -> exists(robot, "#candidate-list"));
        robot.clickOn("#confirm-button");

        until(() -> exists(robot, "#notice-success"));
        Node toast = robot.lookup("#notice-success").query();
        until(() -> toast.getScene().getWindow().isShowing()
                && toast.localToScreen(toast.getBoundsInLocal()).getWidth() > 0);
        Bounds onScreen = toast.localToScreen(toast.getBoundsInLocal());
        Bounds window = stage.getScene()
                .getRoot()
                .localToScreen(stage.getScene().getRoot().getBoundsInLocal());
        assertThat(onScreen.getMinX()).isGreaterThanOrEqualTo(window.getMinX());
        assertThat(onScreen.getMaxX()).isLessThanOrEqualTo(window.getMaxX());
        assertThat(onScreen.getMinY()).isGreaterThanOrEqualTo(window.getMinY());
        assertThat(onScreen.getMaxY()).isLessThanOrEqualTo(window.getMaxY());
        assertThat(robot.from(toast).lookup(".label").queryAllAs(Label.class))
                .extracting(Label::getText)
                .doesNotContain("?")
                .contains("✓", "Switch over to pg-1");
        assertThat(css.messages()).noneMatch(m -> m.contains("ClassCastException") || m.contains("notificationpopup"));
    }
}
