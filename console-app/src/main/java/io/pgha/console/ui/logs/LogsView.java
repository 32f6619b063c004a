package io.pgha.console.ui.logs;

import io.pgha.console.service.LogLine;
import io.pgha.console.ui.common.Toolbars;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
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
        containers.valueProperty().addListener((o, a, name) -> viewModel.containerProperty().set(Optional.ofNullable(name)));
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
                lines.scrollTo(lines.getItems().size() - 1);
            }
        });
        setTop(Toolbars.of(containers, search, follow, status));
        setCenter(lines);
    }

    public void focusSearch() {
        search.requestFocus();
    }

    private static final class LogCell extends ListCell<LogLine> {
        @Override
        protected void updateItem(LogLine line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().remove("stderr");
            if (empty || line == null) {
                setText(null);
            } else {
                setText(line.text());
                if (line.stderr()) {
                    getStyleClass().add("stderr");
                }
            }
        }
    }
}
