package io.pgha.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.testing.LocalPorts;
import io.pgha.console.testing.TestServices;
import java.io.IOException;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** Attaching from the start screen; a wrong etcd endpoint is a clear error and the console stays usable. */
class AttachTest extends ConsoleUiTest {

    @Override
    protected void prepare(TestServices services) {
        services.dockerUnreachable(
                "cannot reach the Docker engine at unix:///var/run/docker.sock (connection refused)");
    }

    @Test
    void withoutDockerTheStartScreenSaysHowToFixItAndAttachingStillWorks(FxRobot robot) {
        until(() ->
                node(robot, "#docker-status", Label.class).getText().startsWith("The Docker engine is not reachable"));

        assertThat(node(robot, "#docker-fix", Label.class).getText())
                .contains("sudo systemctl start docker")
                .endsWith("Attaching to an existing cluster works without it.");
        assertThat(node(robot, "#create-cluster", Button.class).isDisabled()).isTrue();
        assertThat(node(robot, "#attach-cluster", Button.class).isDisabled()).isFalse();
    }

    @Test
    void aWrongEtcdEndpointShowsAClearErrorAndTheAppStaysUsable(FxRobot robot) throws IOException {
        int closed = LocalPorts.closed();
        robot.clickOn("#attach-cluster");
        until(() -> exists(robot, "#attach-dialog"));
        robot.clickOn("#attach-name").write("billing");
        robot.clickOn("#attach-scope").write("pg-ha");
        robot.clickOn("#attach-endpoints").write("127.0.0.1:" + closed);
        until(() -> !node(robot, "#attach-confirm", Button.class).isDisabled());

        robot.clickOn("#attach-confirm");

        until(() -> node(robot, "#attach-failure", Label.class).isVisible());
        assertThat(node(robot, "#attach-failure", Label.class).getText())
                .isEqualTo("no etcd endpoint answers: http://127.0.0.1:" + closed + " (connection refused). "
                        + "Check the addresses and ports, and that etcd is running.");
        assertThat(services.registry().list()).isEmpty();

        robot.clickOn("Cancel");
        until(() -> !exists(robot, "#attach-dialog"));
        robot.clickOn("#toggle-theme");
        until(() -> node(robot, "#main-view", Node.class).getStyleClass().contains("dark"));
    }
}
