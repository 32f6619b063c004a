package io.pgha.console.fx;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.RequiresDisplay;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** On GTK (Linux), the pulse timer rests while nothing animates and runs at full rate again at once when needed. */
@EnabledOnOs(OS.LINUX)
@ExtendWith({RequiresDisplay.class, ApplicationExtension.class})
class IdlePulseTest {

    private Label label;

    @Start
    void start(Stage stage) {
        label = new Label("idle");
        stage.setScene(new Scene(label, 200, 100));
        stage.show();
    }

    @Test
    void pausedItRestsAndRunsAtFullRateAgainWhileAnimatingOrWhenTheSceneChanges(FxRobot robot) throws Exception {
        RestingPulseTimer timer =
                onFx(() -> (RestingPulseTimer) IdlePulse.install().orElseThrow());
        // Quantum pauses the timer once nothing has animated for 250 ms; paused here as Quantum does, since in a shared
        // test JVM another test's animation may still be running. A change to the scene then asks for a pulse, which
        // wakes the timer in the same call.
        robot.interact(() -> {
            timer.pause();
            assertThat(timer.resting()).isTrue();
            label.setText("changed");
            assertThat(timer.resting()).isFalse();
        });
        robot.interact(timer::pause);

        // While an animation runs, frames come at the pulse rate (60 Hz by default), not the resting 4 Hz.
        AtomicInteger frames = new AtomicInteger();
        AnimationTimer animation = new AnimationTimer() {
            @Override
            public void handle(long now) {
                frames.incrementAndGet();
            }
        };
        robot.interact(animation::start);
        robot.sleep(1000); // the measuring window of the frame count, not a synchronisation
        robot.interact(animation::stop);
        assertThat(frames.get()).as("frames in one second of animation").isGreaterThan(12);
        assertThat(timer.resting()).isFalse();

        // Installing again keeps the one timer.
        assertThat(onFx(IdlePulse::install)).containsSame(timer);
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
    }
}
