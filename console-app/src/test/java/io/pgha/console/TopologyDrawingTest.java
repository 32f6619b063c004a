package io.pgha.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.testing.SampleCluster;
import io.pgha.console.testing.SimulatedCluster;
import io.pgha.console.testing.TestServices;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.RouterBackend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The topology's drawing: labels that stay readable while the cluster changes. */
class TopologyDrawingTest extends ConsoleUiTest {

    private SimulatedCluster cluster;

    @Override
    protected void prepare(TestServices services) {
        cluster = services.addCluster("demo");
    }

    @Test
    void whileTheRouterCatchesUpWithANewLeaderTheLinkLabelsDoNotPileUp(FxRobot robot) {
        openCluster(robot, "demo");

        ClusterSnapshot elected = SampleCluster.withLeader("pg-1", 4, Instant.now());
        List<RouterBackend> behind = new ArrayList<>(SampleCluster.backends("pg-0", elected.members()).stream()
                .map(b -> b.server().equals("pg-0") && b.listener().equals(RouterBackend.READ_LISTENER)
                        ? new RouterBackend(
                                b.listener(), b.server(), RouterBackend.Status.DOWN, "L4CON", b.checkLatencyMs(), 0)
                        : b)
                .toList());
        cluster.monitor()
                .publish(SampleCluster.snapshot(
                        Instant.now(),
                        elected.leader(),
                        elected.members(),
                        elected.etcdMembers(),
                        behind,
                        elected.containers(),
                        elected.checks()));
        until(() -> exists(robot, "#link-read-pg-0") && exists(robot, "#link-write-pg-0"));

        List<Bounds> labels = robot.lookup("#topology .link-label").queryAllAs(Text.class).stream()
                .filter(t -> !t.getText().isBlank())
                .map(TopologyDrawingTest::textBounds)
                .toList();
        assertThat(labels).hasSizeGreaterThanOrEqualTo(4);
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                assertThat(labels.get(i).intersects(labels.get(j)))
                        .as("labels %s and %s overlap", labels.get(i), labels.get(j))
                        .isFalse();
            }
        }
    }

    @Test
    void theDrawingKeepsItsPlaceWhenTheSupervisorAppearsLate(FxRobot robot) {
        openCluster(robot, "demo");
        ClusterSnapshot full = SampleCluster.withLeader("pg-0", 3, Instant.now());
        cluster.monitor()
                .publish(SampleCluster.snapshot(
                        Instant.now(),
                        full.leader(),
                        full.members(),
                        full.etcdMembers(),
                        full.routerBackends(),
                        full.containers().stream()
                                .filter(c -> !c.name().equals("pg-supervisor"))
                                .toList(),
                        full.checks()));
        until(() -> !exists(robot, "#supervisor-node"));
        List<Bounds> before = placesOf(robot);

        cluster.monitor().publish(SampleCluster.withLeader("pg-0", 3, Instant.now()));
        until(() -> exists(robot, "#supervisor-node"));

        assertThat(placesOf(robot)).isEqualTo(before);
        Bounds topology = robot.lookup("#topology")
                .queryAs(javafx.scene.layout.Pane.class)
                .getLayoutBounds();
        assertThat(robot.lookup("#supervisor-node")
                        .queryAs(javafx.scene.Node.class)
                        .getBoundsInParent()
                        .getMaxX())
                .isLessThanOrEqualTo(topology.getMaxX());
    }

    private static List<Bounds> placesOf(FxRobot robot) {
        return List.of("#router-node", "#pg-node-pg-0", "#pg-node-pg-1", "#pg-node-pg-2", "#etcd-node-etcd-2").stream()
                .map(id -> robot.lookup(id + " .node-body")
                        .queryAs(javafx.scene.Node.class)
                        .localToScene(robot.lookup(id + " .node-body")
                                .queryAs(javafx.scene.Node.class)
                                .getBoundsInLocal()))
                .toList();
    }

    /** The extent of the text itself, centred in its wrapping width. */
    private static Bounds textBounds(Text t) {
        Text unwrapped = new Text(t.getText());
        unwrapped.setFont(t.getFont());
        Bounds b = t.getBoundsInParent();
        double width = unwrapped.getLayoutBounds().getWidth();
        return new javafx.geometry.BoundingBox(
                b.getMinX() + (b.getWidth() - width) / 2, b.getMinY(), width, b.getHeight());
    }
}
