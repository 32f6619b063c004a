package io.pgha.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.testing.SampleCluster;
import io.pgha.console.testing.SimulatedCluster;
import io.pgha.console.testing.TestServices;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxRobot;

/** At the smallest supported window and at full HD: no header text, badge or button cut, node labels inside their shapes. */
class WindowSizesTest extends ConsoleUiTest {

    private SimulatedCluster cluster;

    @Override
    protected void prepare(TestServices services) {
        cluster = services.addCluster("demo");
    }

    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"1024, 640", "1920, 1080"})
    void nothingIsCutAtThisSize(double width, double height, FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
        });
        openCluster(robot, "demo");
        cluster.monitor().publish(SampleCluster.withQuorumStandby("pg-2", 1_234_567));
        until(() -> robot.lookup("#pg-node-pg-2")
                .queryAs(Node.class)
                .getStyleClass()
                .contains("role-quorum_standby"));
        assertNodeLabelsInsideTheirShapes(robot);
        assertNoHeaderTextCut(robot);

        cluster.holdSwitchovers();
        // a window wider than the virtual screen has its right edge off-screen: the keyboard reaches what a click
        // cannot
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.S).release(KeyCode.S, KeyCode.SHIFT, KeyCode.CONTROL);
        until(() -> exists(robot, "#candidate-list"));
        robot.interact(() -> node(robot, "#confirm-button", Button.class).fire());
        until(() -> node(robot, "#cluster-health", Label.class).getText().startsWith("switching over"));
        try {
            assertNoHeaderTextCut(robot);
            Labeled sidebarState = robot.lookup("#cluster-demo .muted").queryAs(Labeled.class);
            assertThat(sidebarState.getText()).isEqualTo("switching over (pg-0 → pg-1)");
            until(() -> !shown(sidebarState).endsWith("…"));
        } finally {
            cluster.releaseSwitchover();
        }
        until(() -> node(robot, "#cluster-health", Label.class).getText().equals("healthy"));
        assertThat(stage.getWidth()).isEqualTo(width);
    }

    private static void assertNoHeaderTextCut(FxRobot robot) {
        List<Labeled> header =
                new ArrayList<>(robot.lookup(".app-header .label").queryAllAs(Labeled.class));
        header.addAll(robot.lookup(".app-header .button").queryAllAs(Labeled.class));
        assertThat(header)
                .extracting(Labeled::getId)
                .contains("cluster-health", "cluster-summary", "action-switchover");
        for (Labeled labeled : header) {
            if (labeled.isVisible()
                    && labeled.getText() != null
                    && !labeled.getText().isEmpty()) {
                until(() -> shown(labeled).equals(labeled.getText()));
            }
        }
    }

    private static void assertNodeLabelsInsideTheirShapes(FxRobot robot) {
        for (String node :
                List.of("#pg-node-pg-0", "#pg-node-pg-1", "#pg-node-pg-2", "#etcd-node-etcd-1", "#router-node")) {
            Bounds body = robot.lookup(node + " .node-body").queryAs(Node.class).getBoundsInParent();
            List<Text> labels = List.copyOf(robot.lookup(node + " .fitted").queryAllAs(Text.class));
            assertThat(labels).as(node).hasSizeGreaterThanOrEqualTo(2);
            for (Text label : labels) {
                Bounds b = label.getBoundsInParent();
                assertThat(b.getMinX()).as(node + " " + label.getText()).isGreaterThanOrEqualTo(body.getMinX());
                assertThat(b.getMaxX()).as(node + " " + label.getText()).isLessThanOrEqualTo(body.getMaxX());
            }
        }
        Bounds etcd =
                robot.lookup("#etcd-node-etcd-1 .node-body").queryAs(Node.class).getBoundsInParent();
        List<Text> lags =
                List.copyOf(robot.lookup("#topology .link-label-replication").queryAllAs(Text.class));
        assertThat(lags).hasSize(2);
        for (Text lag : lags) {
            assertThat(lag.getBoundsInParent().getMaxY())
                    .as(lag.getText() + " clear of the etcd row")
                    .isLessThan(etcd.getMinY());
        }
    }

    /** The text the skin shows, "Switchov…" when cut. */
    private static String shown(Labeled labeled) {
        Node text = labeled.lookup(".text");
        return text instanceof Text t ? t.getText() : labeled.getText();
    }
}
