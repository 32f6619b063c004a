package io.pgha.console.ui.settings;

import io.pgha.console.ui.common.Theme;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The console's settings: theme and refresh interval. */
public final class SettingsView extends VBox {

    public SettingsView(SettingsViewModel viewModel) {
        setId("settings-view");
        setSpacing(10);
        setStyle("-fx-padding: 0.8em;");
        Label title = new Label("CONSOLE");
        title.getStyleClass().add("section-title");
        ComboBox<Theme> theme = new ComboBox<>();
        theme.setId("settings-theme");
        theme.getItems().setAll(Theme.values());
        theme.setConverter(new StringConverter<>() {
            @Override
            public String toString(Theme t) {
                return t == null ? "" : t.label();
            }

            @Override
            public Theme fromString(String s) {
                return Theme.parse(s);
            }
        });
        theme.valueProperty().bindBidirectional(viewModel.themeProperty());
        Spinner<Integer> refresh = new Spinner<>(
                SettingsViewModel.MIN_REFRESH_SECONDS,
                SettingsViewModel.MAX_REFRESH_SECONDS,
                viewModel.refreshSecondsProperty().get());
        refresh.setId("settings-refresh");
        refresh.setEditable(true);
        refresh.valueProperty()
                .addListener((o, a, v) -> viewModel.refreshSecondsProperty().set(v));
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setAlignment(Pos.CENTER_LEFT);
        grid.addRow(0, new Label("Theme (Ctrl+T)"), theme);
        grid.addRow(1, new Label("Refresh interval (seconds)"), refresh);
        getChildren().addAll(title, grid);
    }
}
