package io.pgha.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgha.console.testing.LocalPorts;
import io.pgha.console.ui.wizard.StepItem;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.drill.DrillScenario;
import io.pgha.runtime.provision.ProgressListener;
import io.pgha.runtime.provision.StackProvisioner;
import io.pgha.runtime.testsupport.ComposeStack;
import io.pgha.runtime.testsupport.TestMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.NodeQueryUtils;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console as shipped (its real composition root, {@code io.pgha.console.wiring.RuntimeConsoleServices})
 * against the real stack on the local Docker engine.
 */
class ConsoleEndToEndIT extends ConsoleUiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final List<String> ETCD =
            List.of("http://127.0.0.1:23791", "http://127.0.0.1:23792", "http://127.0.0.1:23793");

    @Override
    protected ConsoleApp createApp() {
        return new ConsoleApp();
    }

    @Test
    void aWrongEtcdEndpointInAttachShowsAClearErrorAndTheAppStaysUsable(FxRobot robot) throws IOException {
        int closed = LocalPorts.closed();
        attach(robot, "billing", "pg-ha", "http://127.0.0.1:" + closed);

        until(
                PATIENCE,
                () -> robot.lookup("#attach-failure").queryAs(Label.class).isVisible());
        assertThat(robot.lookup("#attach-failure").queryAs(Label.class).getText())
                .startsWith("no etcd endpoint answers: http://127.0.0.1:" + closed + " (connection refused)");
        robot.clickOn("Cancel");
        robot.clickOn("#toggle-theme");
        until(PATIENCE, () -> robot.lookup("#main-view").query().getStyleClass().contains("dark"));
        assertThat(new ClusterRegistry(configDir).list()).isEmpty();
    }

    @Test
    void attachesToTheRunningStackThroughItsEtcd(FxRobot robot) {
        TestMachine.requireDockerWithLocalImages();
        ComposeStack.restoreHealthy();

        attach(robot, "stack", "pg-ha", String.join(", ", ETCD));

        until(PATIENCE, () -> robot.lookup("#cluster-stack").tryQuery().isPresent());
        assertThat(new ClusterRegistry(configDir).get("stack").etcdEndpoints()).containsExactlyElementsOf(ETCD);
    }

    @Test
    void aClusterCreatedThroughTheWizardShowsOnePrimaryTwoReplicasAndThreeEtcd(FxRobot robot) {
        TestMachine.requireDockerWithLocalImages();
        ComposeStack.down(true); // the compose stack uses the same names and ports
        try {
            until(
                    PATIENCE,
                    () -> !robot.lookup("#create-cluster").queryAs(Button.class).isDisabled());
            robot.clickOn("#create-cluster");
            until(PATIENCE, () -> robot.lookup("#new-cluster-wizard").tryQuery().isPresent());
            robot.interact(() ->
                    robot.lookup("#wizard-images").queryAs(ChoiceBox.class).setValue("local"));
            until(
                    PATIENCE,
                    () -> !robot.lookup("#wizard-create").queryAs(Button.class).isDisabled());
            robot.clickOn("#wizard-create");

            until(
                    Duration.ofMinutes(5),
                    () -> robot.lookup("#provisioning-message")
                            .queryAs(Label.class)
                            .getText()
                            .startsWith("pg-ha is up"));
            assertThat(robot.lookup("#provisioning-steps")
                            .queryAs(ListView.class)
                            .getItems())
                    .isNotEmpty()
                    .allMatch(step -> ((StepItem) step).stateProperty().get() == StepItem.State.DONE);
            until(PATIENCE, () -> robot.lookup("#cluster-pg-ha").tryQuery().isPresent());
            List<ComposeStack.PatroniRow> rows = ComposeStack.patronictlList();
            assertThat(rows).filteredOn(ComposeStack.PatroniRow::isLeader).hasSize(1);
            assertThat(rows)
                    .filteredOn(ComposeStack.PatroniRow::isStreamingReplica)
                    .hasSize(2);

            if (robot.lookup("#new-cluster-wizard").tryQuery().isPresent()) {
                robot.clickOn("Close");
            }
            robot.clickOn("#cluster-pg-ha");
            // replicas are quorum standbys with the default synchronous mode: count every healthy node
            until(
                    PATIENCE,
                    () -> robot.lookup(".pg-node.leader").queryAll().size() == 1
                            && robot.lookup(".pg-node.tone-ok").queryAll().size() == 3
                            && robot.lookup(".etcd-node.tone-ok").queryAll().size() == 3);
        } finally {
            try (StackProvisioner provisioner = StackProvisioner.onLocalDocker()) {
                provisioner.down("pg-ha", true, ProgressListener.NONE);
            }
        }
    }

    @Test
    void aSwitchoverToAReplicaShowsItAsPrimaryWithinTwoSecondsOfEtcd(FxRobot robot) {
        openAttachedStack(robot);
        String replica = ComposeStack.patronictlList().stream()
                .filter(ComposeStack.PatroniRow::isStreamingReplica)
                .findFirst()
                .orElseThrow()
                .member();
        clickWhenReady(robot, "#pg-node-" + replica);
        clickWhenReady(robot, "#switchover-here");
        clickWhenReady(robot, "#confirm-button");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> ComposeStack.leader()
                        .map(l -> l.member().equals(replica))
                        .orElse(false));
        await().atMost(Duration.ofSeconds(2)).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            // tryQuery: the test thread may look while the FX thread draws the topology anew (no node for a moment)
            return robot.lookup("#pg-node-" + replica)
                    .tryQuery()
                    .map(n -> n.getStyleClass().contains("leader"))
                    .orElse(false);
        });
    }

    @Test
    void killingThePrimaryFromOutsideShowsTheFailoverOnTheDrawingAndInTheStrip(FxRobot robot) {
        openAttachedStack(robot);
        String primary = ComposeStack.leader().orElseThrow().member();

        ComposeStack.dockerOk("kill", primary);

        await().atMost(Duration.ofSeconds(90)).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return robot.lookup(".pg-node.leader")
                            .tryQuery()
                            .map(n -> !n.getId().equals("pg-node-" + primary))
                            .orElse(false)
                    && robot.lookup("#events-strip .label").queryAllAs(Label.class).stream()
                            .anyMatch(l -> l.getText().startsWith("leader changed")
                                    && !l.getText().contains("→ none"));
        });
        ComposeStack.restoreHealthy();
    }

    @Test
    void restartingAReplicaFromItsPanelReturnsItToStreaming(FxRobot robot) {
        openAttachedStack(robot);
        String replica = ComposeStack.patronictlList().stream()
                .filter(ComposeStack.PatroniRow::isStreamingReplica)
                .findFirst()
                .orElseThrow()
                .member();
        clickWhenReady(robot, "#pg-node-" + replica);
        clickWhenReady(robot, "#restart-postgres");
        clickWhenReady(robot, "#confirm-button");

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            boolean ok = robot.lookup("#pg-node-" + replica)
                    .tryQuery()
                    .map(n -> n.getStyleClass().contains("tone-ok"))
                    .orElse(false);
            return ok
                    && ComposeStack.patronictlList().stream()
                            .anyMatch(r -> r.member().equals(replica) && r.isStreamingReplica());
        });
    }

    @Test
    void aSwitchoverDrillFromTheDrillsScreenLosesNoAcknowledgedWrite(FxRobot robot) {
        openAttachedStack(robot);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT8).release(KeyCode.DIGIT8, KeyCode.CONTROL);
        until(PATIENCE, () -> robot.lookup("#drills-view").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        ComboBox<Object> picker = robot.lookup("#drill-scenario").queryAs(ComboBox.class);
        robot.interact(() -> picker.getSelectionModel()
                .select(picker.getItems().stream()
                        .filter(c -> c.toString().equals(DrillScenario.SWITCHOVER.cliName()))
                        .findFirst()
                        .orElseThrow()));
        clickWhenReady(robot, "#drill-run");
        clickWhenReady(robot, "#confirm-button");

        // The run's row and its figures arrive in one FX update: read them on the FX side of it, not in between.
        until(Duration.ofMinutes(4), () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return robot.lookup("#drill-results")
                                    .queryAs(TableView.class)
                                    .getItems()
                                    .size()
                            == 1
                    && robot.lookup("#drill-figure-rows-missing-RPO").tryQuery().isPresent();
        });
        assertThat(robot.lookup("#drill-figure-rows-missing-RPO")
                        .queryAs(Label.class)
                        .getText())
                .startsWith("0 of ");
        assertThat(robot.lookup("#drill-chart").queryAs(LineChart.class).getData())
                .hasSize(1);
        ComposeStack.restoreHealthy();
    }

    /** Clicks the one showing, enabled node the query finds, once there is one (dialogs of earlier tests may linger unshown). */
    private static void clickWhenReady(FxRobot robot, String query) {
        try {
            until(
                    PATIENCE,
                    () -> ready(robot, query).map(node -> clicked(robot, node)).orElse(false));
        } catch (ConditionTimeoutException e) {
            shootOnFailure(robot, query);
            throw e;
        }
    }

    /**
     * Clicks the node, or says it could not: the topology draws a node anew when its data changes, so the node
     * found may have left the scene before the robot reaches it (TestFX then fails on its null scene); the
     * caller looks it up again.
     */
    private static boolean clicked(FxRobot robot, Node node) {
        try {
            robot.clickOn(node);
            return true;
        } catch (RuntimeException replacedMeanwhile) {
            if (node.getScene() != null) {
                throw replacedMeanwhile;
            }
            return false;
        }
    }

    /** What the window showed when a node never became clickable: target/e2e-failures/QUERY.png. */
    private static void shootOnFailure(FxRobot robot, String query) {
        try {
            Scene scene = robot.listTargetWindows().stream()
                    .filter(Window::isShowing)
                    .findFirst()
                    .orElseThrow()
                    .getScene();
            WritableImage[] shot = new WritableImage[1];
            robot.interact(() -> shot[0] = scene.snapshot(null));
            Path dir = Path.of("target", "e2e-failures");
            Files.createDirectories(dir);
            ImageIO.write(
                    SwingFXUtils.fromFXImage(shot[0], null),
                    "png",
                    dir.resolve(query.replaceAll("[^a-zA-Z0-9-]", "") + ".png").toFile());
        } catch (IOException | RuntimeException ignored) {
            // the screenshot only helps to read the failure
        }
    }

    private static Optional<Node> ready(FxRobot robot, String query) {
        // TestFX's own visibility (the node and every ancestor), as clickOn(query) uses it
        return robot.lookup(query)
                .match(NodeQueryUtils.isVisible())
                .match((Node n) -> !n.isDisabled()
                        && n.getScene() != null
                        && n.getScene().getWindow() != null
                        && n.getScene().getWindow().isShowing())
                .tryQuery();
    }

    private void openAttachedStack(FxRobot robot) {
        TestMachine.requireDockerWithLocalImages();
        ComposeStack.restoreHealthy();
        attach(robot, "stack", "pg-ha", String.join(", ", ETCD));
        until(PATIENCE, () -> robot.lookup("#pg-node-pg-0").tryQuery().isPresent());
    }

    private static void attach(FxRobot robot, String name, String scope, String endpoints) {
        robot.clickOn("#attach-cluster");
        until(PATIENCE, () -> robot.lookup("#attach-dialog").tryQuery().isPresent());
        robot.interact(() -> {
            robot.lookup("#attach-name").queryAs(TextField.class).setText(name);
            robot.lookup("#attach-scope").queryAs(TextField.class).setText(scope);
            robot.lookup("#attach-endpoints").queryAs(TextField.class).setText(endpoints);
        });
        until(
                PATIENCE,
                () -> !robot.lookup("#attach-confirm").queryAs(Button.class).isDisabled());
        robot.clickOn("#attach-confirm");
    }
}
