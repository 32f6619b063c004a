package io.pgha.console.ui.settings;

import atlantafx.base.theme.Styles;
import io.pgha.console.ui.common.AppStyles;
import io.pgha.console.ui.common.Tables;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Patroni's dynamic configuration as an editable table; changes are previewed (diff, validation) before applied. */
public final class DynamicConfigView extends VBox {

    public DynamicConfigView(DynamicConfigViewModel viewModel) {
        setId("dynamic-config-view");
        setSpacing(8);
        setStyle("-fx-padding: 0.8em;");
        Label title = new Label("PATRONI DYNAMIC CONFIGURATION");
        title.getStyleClass().add("section-title");
        TableView<ConfigEntry> table = Tables.table("The cluster's configuration has not been read yet.");
        table.setId("config-table");
        table.setEditable(true);
        table.getColumns().add(Tables.column("Key", 18, ConfigEntry::key));
        TableColumn<ConfigEntry, String> value = new TableColumn<>("Value (double-click to edit)");
        value.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().edited()));
        value.setCellFactory(TextFieldTableCell.forTableColumn());
        value.setOnEditCommit(e -> viewModel.edit(e.getRowValue().key(), e.getNewValue()));
        value.setEditable(true);
        table.getColumns().add(value);
        table.getColumns().add(Tables.column("Unit", 10, e -> ConfigUnits.of(e.key(), e.edited())));
        table.setItems(viewModel.entries());
        VBox.setVgrow(table, Priority.ALWAYS);
        Button preview = new Button("Preview changes");
        preview.setId("config-preview");
        preview.setOnAction(e -> viewModel.preview());
        preview.disableProperty().bind(viewModel.editedProperty().not());
        Button apply = new Button("Apply");
        apply.setId("config-apply");
        apply.getStyleClass().add(Styles.ACCENT);
        apply.setOnAction(e -> viewModel.applyEdits());
        apply.disableProperty().bind(viewModel.editedProperty().not());
        Button discard = new Button("Discard");
        discard.setId("config-discard");
        discard.setOnAction(e -> viewModel.discard());
        discard.disableProperty().bind(viewModel.editedProperty().not());
        TextArea diff = new TextArea();
        diff.setId("config-diff");
        diff.setEditable(false);
        diff.setPrefRowCount(4);
        diff.textProperty().bind(viewModel.previewProperty());
        getChildren().addAll(title, table, new HBox(8, preview, apply, discard), diff);
        viewModel.weakeningProperty().addListener((o, was, text) -> {
            if (!text.isEmpty()) {
                confirmWeakening(viewModel, text);
            }
        });
    }

    /** Asks before a change that weakens durability or security is sent; shown without blocking. */
    private void confirmWeakening(DynamicConfigViewModel viewModel, String weakens) {
        Alert alert = new Alert(Alert.AlertType.WARNING);
        if (getScene() != null) {
            alert.initOwner(getScene().getWindow());
        }
        alert.setTitle("Weaken the cluster?");
        alert.setHeaderText("This change weakens the cluster's guarantees");
        alert.setContentText(weakens + "\n\nThe change and your confirmation are written to the audit journal.");
        alert.getDialogPane().setId("config-weakening-dialog");
        AppStyles.apply(alert.getDialogPane());
        ButtonType confirm = new ButtonType("Apply anyway", ButtonBar.ButtonData.OK_DONE);
        alert.getButtonTypes().setAll(confirm, ButtonType.CANCEL);
        Button button = (Button) alert.getDialogPane().lookupButton(confirm);
        button.setId("config-weakening-confirm");
        button.getStyleClass().add(Styles.DANGER);
        button.setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        alert.setOnHidden(e -> {
            if (alert.getResult() == confirm) {
                viewModel.confirmWeakening();
            } else {
                viewModel.cancelWeakening();
            }
        });
        alert.show();
    }
}
