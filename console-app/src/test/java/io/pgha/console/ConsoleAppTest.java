package io.pgha.console;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** The console as shipped (the real composition root), on a machine where pgha knows no cluster yet. */
class ConsoleAppTest extends ConsoleUiTest {

    @Override
    protected ConsoleApp createApp() {
        return new ConsoleApp();
    }

    @Test
    void opensOnTheStartScreenWithTitleVersionAndBothWaysIn(FxRobot robot) {
        until(() -> exists(robot, "#start-view"));
        assertThat(stage.getTitle()).isEqualTo(ConsoleApp.TITLE);
        assertThat(stage.isShowing()).isTrue();
        assertThat(stage.getScene().getWidth()).isEqualTo(1280);
        assertThat(stage.getScene().getHeight()).isEqualTo(800);
        assertThat(node(robot, "#version", Label.class).getText()).isNotBlank();
        assertThat(node(robot, "#attach-cluster", Button.class).isDisabled()).isFalse();
    }

    @Test
    void remembersTheWindowBetweenRuns(FxRobot robot) {
        robot.interact(() -> {
            stage.setX(33);
            stage.setY(44);
            stage.setWidth(1100);
            stage.setHeight(700);
            app.stop();
            app = new ConsoleApp();
            app.start(stage);
        });

        assertThat(stage.getX()).isEqualTo(33);
        assertThat(stage.getWidth()).isEqualTo(1100);
        assertThat(stage.getHeight()).isEqualTo(700);
    }
}
