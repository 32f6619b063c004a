package io.pgha.console.ui.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.RequiresDisplay;
import io.pgha.console.testing.SampleCluster;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.model.HostInfo;
import io.pgha.runtime.testsupport.SnapshotBuilder;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A cluster on a Swarm is drawn host by host: a lane per host holding the nodes that run there (ADR 44). */
@ExtendWith({RequiresDisplay.class, ApplicationExtension.class})
class HostLanesDrawingTest {

    private final TopologyViewModel viewModel = new TopologyViewModel();

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new TopologyView(viewModel), 900, 600));
        stage.show();
    }

    private static HostInfo host(String name, String state, String... members) {
        return new HostInfo(
                name,
                "192.168.241.1" + name.charAt(name.length() - 1),
                state,
                "active",
                "manager reachable",
                "26.1.5",
                OptionalInt.of(2),
                OptionalLong.of(8L << 30),
                java.util.Arrays.stream(members)
                        .map(m -> new HostInfo.Placed(m, "running"))
                        .toList());
    }

    @Test
    void eachHostIsALaneHoldingItsPostgresNodeAndEtcdMemberAndOneEngineHasNone(FxRobot robot) {
        robot.interact(() -> viewModel.apply(SampleCluster.healthy()));
        assertThat(robot.lookup(".host-lane-group").queryAll()).isEmpty();

        ClusterSnapshot onHosts = SnapshotBuilder.from(SampleCluster.healthy())
                .host(host("pgha-th-1", "ready", "etcd-1", "pg-2"))
                .host(host("pgha-th-2", "down", "etcd-2", "pg-1"))
                .host(host("pgha-th-3", "ready", "etcd-3", "pg-0"))
                .build();
        robot.interact(() -> viewModel.apply(onHosts));

        for (List<String> lane : List.of(
                List.of("pgha-th-1", "pg-2", "etcd-1"),
                List.of("pgha-th-2", "pg-1", "etcd-2"),
                List.of("pgha-th-3", "pg-0", "etcd-3"))) {
            Bounds box = bounds(robot, "#host-lane-" + lane.get(0));
            assertThat(box.contains(centre(robot, "#pg-node-" + lane.get(1))))
                    .as("%s in the lane of %s", lane.get(1), lane.get(0))
                    .isTrue();
            assertThat(box.contains(centre(robot, "#etcd-node-" + lane.get(2))))
                    .as("%s in the lane of %s", lane.get(2), lane.get(0))
                    .isTrue();
        }
        Node down = robot.lookup("#host-lane-pgha-th-2 .host-lane").query();
        assertThat(down.getStyleClass()).contains("tone-fail");
    }

    private static Bounds bounds(FxRobot robot, String query) {
        Node n = robot.lookup(query).query();
        return n.localToScene(n.getBoundsInLocal());
    }

    private static javafx.geometry.Point2D centre(FxRobot robot, String query) {
        Bounds b = bounds(robot, query);
        return new javafx.geometry.Point2D(b.getCenterX(), b.getCenterY());
    }
}
