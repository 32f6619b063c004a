package io.pgha.console.ui.router;

import io.pgha.console.ui.common.Tables;
import io.pgha.console.ui.common.Toolbars;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/** HAProxy's servers per listener with status and sessions, and a link to its own stats page. */
public final class RouterView extends BorderPane {

    public RouterView(RouterViewModel viewModel) {
        setId("router-view");
        HBox toolbar = Toolbars.of(Toolbars.muted(viewModel.summaryProperty()));
        viewModel.statsUrl().ifPresent(url -> {
            Hyperlink stats = new Hyperlink("Open the HAProxy stats page (" + url + ")");
            stats.setId("router-stats-link");
            stats.setOnAction(e -> viewModel.openStatsPage());
            toolbar.getChildren().add(stats);
        });

        TableView<BackendRow> table = Tables.table("No router data yet.");
        table.setId("router-table");
        table.getColumns().add(Tables.column("Listener", 8, BackendRow::listener));
        table.getColumns().add(Tables.column("Server", 7, BackendRow::server));
        table.getColumns().add(Tables.toneColumn("Status", 6, BackendRow::status, BackendRow::tone));
        table.getColumns().add(Tables.column("Check", 16, BackendRow::check));
        table.getColumns().add(Tables.column("Check time", 6, BackendRow::checkLatency));
        table.getColumns().add(Tables.column("Sessions", 6, r -> String.valueOf(r.sessions())));
        table.setItems(viewModel.rows());
        setTop(toolbar);
        setCenter(table);
    }
}
