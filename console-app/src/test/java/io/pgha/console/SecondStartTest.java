package io.pgha.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgha.console.prefs.ConsolePreferences;
import io.pgha.console.service.ConsoleServices;
import io.pgha.console.testing.TestServices;
import io.pgha.console.ui.common.Notifier;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/** A start with a known cluster shown last time goes straight to it: no empty list, no start screen on the way. */
class SecondStartTest extends ConsoleUiTest {

    private final List<String> centres = new CopyOnWriteArrayList<>();
    private final List<String> emptyListTexts = new CopyOnWriteArrayList<>();

    @Override
    protected void prepare(TestServices services) {
        services.addCluster("demo");
        ConsolePreferences preferences = ConsolePreferences.load(configDir.resolve("console.properties"));
        preferences.lastCluster(Optional.of("demo"));
        preferences.save();
    }

    @Override
    protected ConsoleApp createApp() {
        super.createApp();
        return new Watched(services::services, stage -> notices);
    }

    @Test
    void theLastClusterOpensWithoutTheStartScreenOrAnEmptyListFlashingBy(FxRobot robot) {
        until(() -> exists(robot, "#pg-node-pg-0"));

        assertThat(centres)
                .as("what the window showed, in order")
                .doesNotContain("start-view")
                .endsWith("workspace-view");
        assertThat(emptyListTexts).doesNotContain("No clusters yet.");
        assertThat(node(robot, "#cluster-demo", Node.class)).isNotNull();
    }

    /** The console, with what its window shows recorded from the first frame on. */
    private final class Watched extends ConsoleApp {
        Watched(Supplier<ConsoleServices> services, Function<Stage, Notifier> notifiers) {
            super(services, notifiers);
        }

        @Override
        public void start(Stage stage) {
            super.start(stage);
            BorderPane main = (BorderPane) stage.getScene().getRoot();
            centres.add(main.getCenter().getId());
            main.centerProperty().addListener((o, a, centre) -> centres.add(centre.getId()));
            ListView<?> list = (ListView<?>) main.lookup("#cluster-list");
            Label empty = (Label) list.getPlaceholder();
            emptyListTexts.add(list.getItems().isEmpty() ? empty.getText() : "");
            // the placeholder shows only while the list is empty
            empty.textProperty()
                    .addListener(
                            (o, a, text) -> emptyListTexts.add(list.getItems().isEmpty() ? text : ""));
            list.getItems().addListener((ListChangeListener<Object>)
                    c -> emptyListTexts.add(list.getItems().isEmpty() ? empty.getText() : ""));
        }
    }
}
