package io.pgha.console.ui.clusters;

import atlantafx.base.theme.Styles;
import io.pgha.console.ui.common.AppStyles;
import io.pgha.console.ui.common.DialogFit;
import java.util.Optional;
import java.util.function.BiConsumer;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Says what forgetting a cluster deletes before it does: by default only what describes the cluster to pgha; its
 * stored passwords and keys only when "Also delete its stored passwords" is ticked, with a warning when the cluster
 * runs. Shown without blocking.
 */
final class ForgetDialog {

    private ForgetDialog() {}

    static void show(
            Window owner,
            ClustersViewModel.ForgetChoice choice,
            BiConsumer<ClustersViewModel.ForgetChoice, Boolean> forget) {
        String name = choice.name();
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.initOwner(owner);
        alert.setTitle("Forget " + name);
        alert.setHeaderText("Forget " + name + "?");
        alert.getDialogPane().setId("forget-dialog");
        AppStyles.apply(alert.getDialogPane());

        Label intro = new Label("pgha stops listing " + name + ". Its containers and data are not touched.");
        intro.setWrapText(true);
        Label what = new Label();
        what.setId("forget-what");
        what.setWrapText(true);
        CheckBox deleteSecrets = new CheckBox("Also delete its stored passwords");
        deleteSecrets.setId("forget-delete-passwords");
        deleteSecrets.setDisable(!choice.hasPasswords());
        Label warning = new Label();
        warning.setId("forget-warning");
        warning.setWrapText(true);
        warning.getStyleClass().add("field-error");
        warning.managedProperty().bind(warning.visibleProperty());
        VBox content = new VBox(8, intro, what, deleteSecrets, warning);
        content.setPrefWidth(520);
        alert.getDialogPane().setContent(content);

        ButtonType confirm = new ButtonType("Forget", ButtonBar.ButtonData.OK_DONE);
        alert.getButtonTypes().setAll(confirm, ButtonType.CANCEL);
        Button button = (Button) alert.getDialogPane().lookupButton(confirm);
        button.setId("forget-confirm");
        Runnable show = () -> {
            boolean delete = deleteSecrets.isSelected();
            Optional<String> warns = choice.warning(delete);
            what.setText(choice.summary(delete));
            warning.setText(warns.orElse(""));
            warning.setVisible(warns.isPresent());
            button.setText(deleteSecrets.isSelected() ? "Forget and delete passwords" : "Forget");
            button.getStyleClass().remove(Styles.DANGER);
            if (deleteSecrets.isSelected()) {
                button.getStyleClass().add(Styles.DANGER);
            }
        };
        deleteSecrets.selectedProperty().addListener((o, a, b) -> show.run());
        show.run();
        alert.setOnHidden(e -> {
            if (alert.getResult() == confirm) {
                forget.accept(choice, deleteSecrets.isSelected());
            }
        });
        DialogFit.keep(alert);
        alert.show();
    }
}
