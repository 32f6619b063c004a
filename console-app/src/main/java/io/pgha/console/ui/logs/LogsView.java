package io.pgha.console.ui.logs;

import io.pgha.console.service.LogLine;
import io.pgha.console.ui.common.Toolbars;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.BorderPane;
import org.controlsfx.control.ToggleSwitch;
import org.controlsfx.control.textfield.TextFields;

/** Tails one container's log; search narrows the lines; "follow" keeps the newest in view. */
public final class LogsView extends BorderPane {

    private final TextField search;

    public LogsView(LogsViewModel viewModel) {
        setId("logs-view");
        ComboBox<String> containers = new ComboBox<>(viewModel.containers());
        containers.setId("log-container");
        containers.setPromptText("Container");
        containers.setValue(viewModel.containerProperty().get().orElse(null));
        viewModel.containerProperty().addListener((o, a, name) -> containers.setValue(name.orElse(null)));
        containers
                .valueProperty()
                .addListener((o, a, name) -> viewModel.containerProperty().set(Optional.ofNullable(name)));
        search = TextFields.createClearableTextField();
        search.setId("log-search");
        search.setPromptText("Search (Ctrl+F)");
        search.textProperty().bindBidirectional(viewModel.searchProperty());
        ToggleSwitch follow = new ToggleSwitch("Follow");
        follow.selectedProperty().bindBidirectional(viewModel.followProperty());
        Label status = Toolbars.muted(viewModel.statusProperty());
        status.setId("log-status");

        ListView<LogLine> lines = new ListView<>(viewModel.lines());
        lines.setId("log-lines");
        lines.getStyleClass().add("log-view");
        lines.setPlaceholder(new Label("No log lines."));
        lines.setCellFactory(l -> new LogCell());
        viewModel.lines().addListener((ListChangeListener<LogLine>) c -> {
            if (viewModel.followProperty().get() && !lines.getItems().isEmpty()) {
                followNewest(lines);
            }
        });
        setTop(Toolbars.of(containers, search, follow, status));
        setCenter(lines);
    }

    public void focusSearch() {
        search.requestFocus();
    }

    /**
     * Brings the newest line to the bottom edge. ListView.scrollTo puts a line at the top, which leaves the
     * rest of the viewport to empty cells past the end; VirtualFlow fills those and logs
     * "index exceeds maxCellCount" once the buffer holds more lines than the viewport has pixels.
     */
    private static void followNewest(ListView<LogLine> lines) {
        if (lines.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
            flow.scrollTo(lines.getItems().size() - 1);
        }
    }

    /** Coloured by the level the line states ({@link LogLevel}), whichever stream it came on. */
    private static final class LogCell extends ListCell<LogLine> {
        private static final List<String> LEVEL_CLASSES =
                Arrays.stream(LogLevel.values()).map(LogCell::styleClass).toList();

        @Override
        protected void updateItem(LogLine line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeAll(LEVEL_CLASSES);
            if (empty || line == null) {
                setText(null);
            } else {
                setText(line.text());
                getStyleClass().add(styleClass(LogLevel.of(line.text())));
            }
        }

        static String styleClass(LogLevel level) {
            return "level-" + level.name().toLowerCase(Locale.ROOT);
        }
    }
}
