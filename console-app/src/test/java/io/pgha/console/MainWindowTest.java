package io.pgha.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.service.ClusterAction;
import io.pgha.console.testing.SampleCluster;
import io.pgha.console.testing.SimulatedCluster;
import io.pgha.console.testing.TestServices;
import io.pgha.console.ui.common.Notice;
import io.pgha.runtime.model.ClusterEvent;
import java.time.Instant;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The main window over a simulated cluster: topology, detail panel, actions, shortcuts. */
class MainWindowTest extends ConsoleUiTest {

    private SimulatedCluster cluster;

    @Override
    protected void prepare(TestServices services) {
        cluster = services.addCluster("demo");
    }

    @Test
    void theSidebarShowsTheClusterAndTheTopologyDrawsIt(FxRobot robot) {
        openCluster(robot, "demo");

        assertThat(robot.lookup("#cluster-demo").lookup(".tone-ok").tryQuery())
                .as("healthy dot")
                .isPresent();
        assertThat(node(robot, "#pg-node-pg-0", Node.class).getStyleClass())
                .contains("leader", "role-leader", "tone-ok");
        assertThat(node(robot, "#pg-node-pg-1", Node.class).getStyleClass())
                .contains("role-replica")
                .doesNotContain("leader");
        assertThat(node(robot, "#etcd-node-etcd-2", Node.class).getStyleClass()).contains("leader");
        assertThat(robot.lookup(".etcd-node").queryAll()).hasSize(3);
        assertThat(exists(robot, "#router-node")).isTrue();
        assertThat(exists(robot, "#link-write-pg-0")).isTrue();
        assertThat(exists(robot, "#link-replication-pg-2")).isTrue();
        assertThat(node(robot, "#cluster-health", Label.class).getText()).isEqualTo("healthy");
    }

    @Test
    void aSwitchoverFromTheDetailPanelShowsTheNewPrimary(FxRobot robot) {
        openCluster(robot, "demo");
        robot.clickOn("#pg-node-pg-1");
        until(() -> node(robot, "#member-detail", VBox.class).isVisible());

        robot.clickOn("#switchover-here");
        until(() -> exists(robot, "#candidate-list"));
        assertThat(node(robot, "#candidate-list", ListView.class)
                        .getSelectionModel()
                        .getSelectedItem()
                        .toString())
                .startsWith("pg-1");
        robot.clickOn("#confirm-button");

        until(() -> node(robot, "#pg-node-pg-1", Node.class).getStyleClass().contains("leader"));
        assertThat(cluster.performed()).containsExactly(new ClusterAction.Switchover("pg-0", "pg-1"));
        until(() -> stripShows(robot, "leader changed · pg-1"));
        until(() -> !notices.notices().isEmpty());
        assertThat(notices.last().level()).isEqualTo(Notice.Level.SUCCESS);
    }

    @Test
    void aRefusalIsShownAndNothingChanges(FxRobot robot) {
        openCluster(robot, "demo");
        cluster.refuseWith("the cluster is already paused by another operator");

        robot.clickOn("#action-pause");
        until(() -> exists(robot, "#confirm-dialog"));
        robot.clickOn("#confirm-button");

        until(() -> !notices.notices().isEmpty());
        assertThat(notices.last())
                .isEqualTo(Notice.warning(
                        "Refused: Pause cluster management", "the cluster is already paused by another operator"));
    }

    @Test
    void aPrimaryKilledFromOutsideShowsOnTheDrawingAndInTheStrip(FxRobot robot) {
        openCluster(robot, "demo");

        cluster.monitor().publish(SampleCluster.primaryDown("pg-0", Instant.now()));
        cluster.monitor()
                .emit(SampleCluster.event(
                        Instant.now(),
                        ClusterEvent.Kind.CONTAINER_DIED,
                        ClusterEvent.Severity.CRITICAL,
                        "pg-0",
                        "pg-0 exited with code 137"));

        until(() -> node(robot, "#cluster-health", Label.class).getText().equals("down"));
        assertThat(exists(robot, "#pg-node-pg-0"))
                .as("a member that left the DCS is not drawn")
                .isFalse();
        assertThat(node(robot, "#router-node", Node.class).getStyleClass()).contains("tone-fail");
        until(() -> stripShows(robot, "exited with code 137"));
    }

    @Test
    void keyboardShortcutsReachTabsThemeAndSearch(FxRobot robot) {
        openCluster(robot, "demo");

        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        until(() -> node(robot, "#workspace-tabs", TabPane.class)
                        .getSelectionModel()
                        .getSelectedIndex()
                == 1);

        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        robot.write("refused");
        cluster.monitor().publish(SampleCluster.primaryDown("pg-0", Instant.now()));
        until(() -> node(robot, "#health-table", TableView.class).getItems().size() == 1);

        robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
        until(() -> node(robot, "#main-view", Node.class).getStyleClass().contains("dark"));
    }
}
