package io.pgha.console.ui.health;

import io.pgha.console.ui.common.Tables;
import io.pgha.console.ui.common.Toolbars;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import org.controlsfx.control.textfield.TextFields;

/** Every health check with status, latency and time, failing first, filterable. */
public final class HealthView extends BorderPane {

    private final TextField search;

    public HealthView(HealthViewModel viewModel) {
        setId("health-view");
        search = TextFields.createClearableTextField();
        search.setId("health-search");
        search.setPromptText("Filter checks (Ctrl+F)");
        search.textProperty().bindBidirectional(viewModel.textFilter());
        ComboBox<StatusFilter> status = new ComboBox<>();
        status.setId("health-status");
        status.getItems().setAll(StatusFilter.values());
        status.valueProperty().bindBidirectional(viewModel.statusFilter());
        Label counts = Toolbars.muted(viewModel.countsProperty());
        counts.setId("health-counts");

        TableView<HealthRow> table = Tables.table("No health checks yet.");
        table.setId("health-table");
        table.getColumns().add(Tables.toneColumn("Status", 6, HealthRow::status, HealthRow::tone));
        table.getColumns().add(Tables.column("Check", 10, HealthRow::kind));
        table.getColumns().add(Tables.column("Target", 7, HealthRow::target));
        table.getColumns().add(Tables.column("Latency", 5, HealthRow::latency));
        table.getColumns().add(Tables.column("Checked", 5, HealthRow::checkedAt));
        table.getColumns().add(Tables.column("Detail", 30, HealthRow::detail));
        table.setItems(viewModel.rows());
        setTop(Toolbars.of(search, status, counts));
        setCenter(table);
    }

    public void focusSearch() {
        search.requestFocus();
    }
}
