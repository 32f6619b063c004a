package io.pgha.console.ui.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgha.console.RequiresDisplay;
import io.pgha.console.testing.SampleCluster;
import io.pgha.runtime.testsupport.SnapshotBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The topology says once that it has drawn the cluster, after the layout pulse that first shows a PostgreSQL node
 * (the monitor starts the sources the drawing did not need then): not for a snapshot without members, not again.
 */
@ExtendWith({RequiresDisplay.class, ApplicationExtension.class})
class FirstDrawingTest {

    private final TopologyViewModel viewModel = new TopologyViewModel();
    private final AtomicInteger drawn = new AtomicInteger();
    private volatile boolean nodeOnSceneWhenReported;
    private Scene scene;

    @Start
    void start(Stage stage) {
        scene = new Scene(new TopologyView(viewModel), 900, 600);
        viewModel.onFirstDrawing(() -> {
            nodeOnSceneWhenReported = scene.lookup("#pg-node-pg-0") != null;
            drawn.incrementAndGet();
        });
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void reportedOnceAfterTheFirstPostgresNodeIsLaidOut(FxRobot robot) {
        robot.interact(() -> viewModel.apply(SnapshotBuilder.from(SampleCluster.healthy())
                .members(List.of())
                .leader(java.util.Optional.empty())
                .build()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(drawn).as("no member yet: nothing drawn").hasValue(0);

        robot.interact(() -> viewModel.apply(SampleCluster.healthy()));
        await().atMost(Duration.ofSeconds(5)).until(() -> drawn.get() == 1);
        assertThat(nodeOnSceneWhenReported)
                .as("reported with the node laid out on the scene")
                .isTrue();

        robot.interact(() -> viewModel.apply(SampleCluster.primaryDown("pg-0", SnapshotBuilder.AT.plusSeconds(5))));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(drawn).as("once").hasValue(1);
    }
}
