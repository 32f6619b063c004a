package io.pgha.console;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith({RequiresDisplay.class, ApplicationExtension.class})
class ConsoleAppTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        new ConsoleApp().start(stage);
    }

    @Test
    void mainWindowOpensWithTitleAndVersion(FxRobot robot) {
        assertThat(stage.getTitle()).isEqualTo(ConsoleApp.TITLE);
        assertThat(stage.isShowing()).isTrue();
        assertThat(robot.lookup("#welcome").queryAs(Label.class).getText()).startsWith("pgha ");
    }
}
