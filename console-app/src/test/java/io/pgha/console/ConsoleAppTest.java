package io.pgha.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The console as shipped (the real composition root), on a machine where pgha knows no cluster yet. */
@ExtendWith({RequiresDisplay.class, ApplicationExtension.class})
class ConsoleAppTest {

    @TempDir
    Path configDir;
    private Stage stage;
    private ConsoleApp app;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        System.setProperty("pgha.config.dir", configDir.toString());
        app = new ConsoleApp();
        app.start(stage);
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(app::stop);
        System.clearProperty("pgha.config.dir");
    }

    @Test
    void opensOnTheStartScreenWithTitleVersionAndBothWaysIn(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.getTitle()).isEqualTo(ConsoleApp.TITLE);
        assertThat(stage.isShowing()).isTrue();
        assertThat(stage.getScene().getWidth()).isEqualTo(1280);
        assertThat(stage.getScene().getHeight()).isEqualTo(800);
        assertThat(robot.lookup("#version").queryAs(Label.class).getText()).isNotBlank();
        assertThat(robot.lookup("#start-view").tryQuery()).isPresent();
        assertThat(robot.lookup("#attach-cluster").queryAs(Button.class).isDisabled()).isFalse();
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
