package io.pgha.console;

import static org.awaitility.Awaitility.await;

import io.pgha.console.testing.RecordingNotifier;
import io.pgha.console.testing.TestServices;
import io.pgha.console.ui.common.Notice;
import io.pgha.console.ui.common.WindowNotifier;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole console in a real (virtual) display, over simulated clusters and the real registry in a
 * temporary config directory. Subclasses add clusters in {@link #prepare(TestServices)}.
 */
@ExtendWith({RequiresDisplay.class, ApplicationExtension.class})
public abstract class ConsoleUiTest {

    protected static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    protected Path configDir;

    protected TestServices services;
    protected ConsoleApp app;
    protected Stage stage;
    protected final RecordingNotifier notices = new RecordingNotifier();

    /** A @BeforeEach, not TestFX's @Start: ApplicationExtension only looks for @Start on the test class itself. */
    @BeforeEach
    void startConsole() throws TimeoutException {
        stage = FxToolkit.registerPrimaryStage();
        System.setProperty("pgha.config.dir", configDir.toString());
        app = createApp();
        FxToolkit.setupFixture(() -> app.start(stage));
    }

    /** The console under test: by default over {@link TestServices}, with every notice recorded. */
    protected ConsoleApp createApp() {
        services = new TestServices(configDir);
        prepare(services);
        return new ConsoleApp(
                services::services,
                s -> {
                    WindowNotifier shown = new WindowNotifier(s);
                    return (Notice notice) -> {
                        notices.show(notice);
                        shown.show(notice);
                    };
                },
                clock());
    }

    /** The console's clock: the system's, unless the test's simulated cluster was written for a fixed moment. */
    protected Clock clock() {
        return Clock.systemDefaultZone();
    }

    /** Adds what the test needs before the console starts. */
    protected void prepare(TestServices services) {}

    @AfterEach
    void stopConsole(FxRobot robot) {
        robot.interact(() -> {
            List.copyOf(Window.getWindows()).stream().filter(w -> w != stage).forEach(Window::hide);
            app.stop();
        });
        System.clearProperty("pgha.config.dir");
    }

    protected static void until(Callable<Boolean> condition) {
        until(PATIENCE, condition);
    }

    protected static void until(Duration patience, Callable<Boolean> condition) {
        WaitForAsyncUtils.waitForFxEvents();
        await().atMost(patience).pollInterval(Duration.ofMillis(50)).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.call();
        });
    }

    protected static <T extends Node> T node(FxRobot robot, String query, Class<T> type) {
        return robot.lookup(query).queryAs(type);
    }

    /** Whether a line of the events strip under the topology contains the text. */
    protected static boolean stripShows(FxRobot robot, String text) {
        return robot.lookup("#events-strip .label").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().contains(text));
    }

    protected static boolean exists(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().isPresent();
    }

    /** Opens the named cluster from the sidebar and waits for its topology. */
    protected void openCluster(FxRobot robot, String name) {
        until(() -> exists(robot, "#cluster-" + name));
        robot.clickOn("#cluster-" + name);
        until(() -> exists(robot, "#pg-node-pg-0"));
    }
}
