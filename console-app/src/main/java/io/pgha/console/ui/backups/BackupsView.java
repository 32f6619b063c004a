package io.pgha.console.ui.backups;

import atlantafx.base.theme.Styles;
import io.pgha.console.ui.common.AppStyles;
import io.pgha.console.ui.common.FormRows;
import io.pgha.console.ui.common.Tables;
import io.pgha.console.ui.common.Tone;
import io.pgha.console.ui.common.Tones;
import io.pgha.console.ui.common.Toolbars;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Backups tab: "Back up now" with its kind, the recoverable window (what {@code pgha restore --to} accepts), the
 * archive's lag, the last backup, whether one runs, the warnings, and the repository's backups newest first. A cluster
 * without backups shows why instead.
 */
public final class BackupsView extends BorderPane {

    public BackupsView(BackupsViewModel viewModel) {
        setId("backups-view");

        ComboBox<BackupChoice> kind = new ComboBox<>(viewModel.choices());
        kind.setId("backup-type");
        kind.valueProperty().bindBidirectional(viewModel.choiceProperty());
        kind.disableProperty().bind(viewModel.canBackUpProperty().not());
        Button now = new Button("Back up now…");
        now.setId("backup-now");
        now.setTooltip(new Tooltip("Take a backup of this cluster with pgBackRest now"));
        now.disableProperty().bind(viewModel.canBackUpProperty().not());
        now.setOnAction(e -> confirmAndBackUp(viewModel));
        now.setMinWidth(Region.USE_PREF_SIZE);
        Button restore = new Button("Restore to a point in time…");
        restore.setId("backup-restore");
        restore.setTooltip(new Tooltip("Restore this cluster's backups into a new cluster, or rebuild it in place"));
        restore.disableProperty().bind(viewModel.canRestoreProperty().not());
        restore.setMinWidth(Region.USE_PREF_SIZE);
        restore.setOnAction(e ->
                viewModel.restore().ifPresent(r -> RestoreDialog.show(getScene().getWindow(), r)));
        Button refresh = new Button("Refresh");
        refresh.setId("backup-refresh");
        refresh.setOnAction(e -> viewModel.refresh());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setId("backup-progress-spinner");
        spinner.getStyleClass().add("activity-spinner");
        spinner.visibleProperty().bind(viewModel.busyProperty());
        spinner.managedProperty().bind(spinner.visibleProperty());
        Label progress = Toolbars.muted(viewModel.progressProperty());
        progress.setId("backup-progress");
        Label updated = Toolbars.muted(viewModel.updatedProperty());
        updated.setId("backup-updated");

        Label message = new Label();
        message.setId("backup-message");
        message.setWrapText(true);
        message.textProperty().bind(viewModel.messageProperty());
        message.getStyleClass().add("tone-text");
        tone(message, viewModel.messageToneProperty());
        message.visibleProperty().bind(viewModel.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());

        GridPane figures = new GridPane();
        figures.setId("backup-figures");
        figures.setHgap(10);
        figures.setVgap(4);
        figures.addRow(0, label("Recoverable window"), value("backup-window", viewModel.windowProperty()));
        tone((Label) figures.getChildren().getLast(), viewModel.windowToneProperty());
        figures.addRow(1, label("WAL archive"), value("backup-archive", viewModel.archiveProperty()));
        tone((Label) figures.getChildren().getLast(), viewModel.archiveToneProperty());
        figures.addRow(2, label("Last backup"), value("backup-last", viewModel.lastBackupProperty()));
        figures.addRow(3, label("Now"), value("backup-running", viewModel.runningProperty()));
        figures.addRow(4, label("Next backup"), value("backup-next", viewModel.nextBackupProperty()));
        figures.visibleProperty().bind(viewModel.availableProperty());
        figures.managedProperty().bind(figures.visibleProperty());

        ListView<String> warnings = new ListView<>(viewModel.warnings());
        warnings.setId("backup-warnings");
        warnings.getStyleClass().add("backup-warnings");
        warnings.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item);
                setGraphic(empty || item == null ? null : Tones.dot(Tone.FAIL));
                setWrapText(true);
            }
        });
        warnings.setPrefHeight(90);
        warnings.visibleProperty().bind(Bindings.isNotEmpty(viewModel.warnings()));
        warnings.managedProperty().bind(warnings.visibleProperty());

        TableView<BackupRow> table = Tables.table("No backup in the repository yet.");
        table.setId("backup-table");
        table.getColumns().add(Tables.toneColumn("Backup", 17, BackupRow::label, BackupRow::tone));
        table.getColumns().add(Tables.column("Type", 3, BackupRow::type));
        table.getColumns().add(Tables.column("Start", 11, BackupRow::start));
        table.getColumns().add(Tables.column("Stop", 11, BackupRow::stop));
        table.getColumns().add(Tables.column("Size", 5, BackupRow::size));
        table.getColumns().add(Tables.column("Stored", 6, BackupRow::stored));
        table.getColumns().add(Tables.column("Based on", 14, BackupRow::basedOn));
        table.getColumns().add(Tables.column("Member", 4, BackupRow::member));
        table.setItems(viewModel.rows());
        table.visibleProperty().bind(viewModel.availableProperty());

        TimelineView timeline = new TimelineView(viewModel.timelineProperty());
        timeline.visibleProperty().bind(viewModel.availableProperty());
        timeline.managedProperty().bind(timeline.visibleProperty());
        HBox legend = legend();
        legend.visibleProperty().bind(viewModel.availableProperty());
        legend.managedProperty().bind(legend.visibleProperty());

        VBox summary = new VBox(6, message, figures, timeline, legend, warnings);
        summary.setPadding(new Insets(4, 10, 10, 10));
        VBox top = new VBox(
                Toolbars.of(FormRows.label("Kind"), kind, now, spinner, progress, restore, refresh, updated), summary);
        top.getStyleClass().add("backups-summary");
        setTop(top);
        setCenter(table);
    }

    /** What the timeline's shapes mean. */
    private static HBox legend() {
        HBox legend = new HBox(12);
        legend.getStyleClass().add("backup-timeline");
        legend.setAlignment(Pos.CENTER_LEFT);
        for (String[] kind : new String[][] {
            {"full", "full", "14"},
            {"diff", "differential", "10"},
            {"incr", "incremental", "7"},
            {"next", "next scheduled", "12"}
        }) {
            Region swatch = new Region();
            swatch.getStyleClass().addAll("timeline-mark", "timeline-" + kind[0]);
            double h = Double.parseDouble(kind[2]);
            swatch.setMinSize(8, h);
            swatch.setPrefSize(8, h);
            swatch.setMaxSize(8, h);
            Label text = new Label(kind[1]);
            text.getStyleClass().add("timeline-end");
            HBox item = new HBox(4, swatch, text);
            item.setAlignment(Pos.BOTTOM_LEFT);
            legend.getChildren().add(item);
        }
        Region window = new Region();
        window.getStyleClass().add("timeline-window");
        window.setMinSize(22, 10);
        window.setMaxSize(22, 10);
        Label text = new Label("recoverable window (hover a backup for its details)");
        text.getStyleClass().add("timeline-end");
        HBox item = new HBox(4, window, text);
        item.setAlignment(Pos.CENTER_LEFT);
        legend.getChildren().add(item);
        return legend;
    }

    private static Label label(String text) {
        Label label = FormRows.label(text);
        label.getStyleClass().add("detail-label");
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private static Label value(String id, ObservableStringValue text) {
        Label value = new Label();
        value.setId(id);
        value.textProperty().bind(text);
        value.getStyleClass().add("tone-text");
        return value;
    }

    private static void tone(Label label, ReadOnlyObjectProperty<Tone> tone) {
        Tones.apply(label, tone.get());
        tone.addListener((o, a, t) -> Tones.apply(label, t));
    }

    /** Says what the backup does; only on "Back up" does it start. Shown without blocking. */
    private void confirmAndBackUp(BackupsViewModel viewModel) {
        BackupConfirmation confirmation = viewModel.confirmation();
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.initOwner(getScene().getWindow());
        alert.setTitle(confirmation.title());
        alert.setHeaderText(confirmation.title() + "?");
        alert.setContentText(confirmation.whatHappens());
        alert.getDialogPane().setId("confirm-dialog");
        alert.getDialogPane().setPrefWidth(560);
        AppStyles.apply(alert.getDialogPane());
        ButtonType confirm = new ButtonType(confirmation.confirmLabel(), ButtonBar.ButtonData.OK_DONE);
        alert.getButtonTypes().setAll(confirm, ButtonType.CANCEL);
        Button button = (Button) alert.getDialogPane().lookupButton(confirm);
        button.setId("confirm-button");
        button.getStyleClass().add(Styles.ACCENT);
        alert.setOnHidden(e -> {
            if (alert.getResult() == confirm) {
                viewModel.backUpNow();
            }
        });
        alert.show();
    }
}
