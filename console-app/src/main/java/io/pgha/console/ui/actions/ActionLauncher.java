package io.pgha.console.ui.actions;

import atlantafx.base.theme.Styles;
import io.pgha.console.service.ClusterAction;
import io.pgha.console.ui.common.AppStyles;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.stage.Window;

/**
 * Starts actions the way the console always does: a dialog that says what will happen, and only on
 * "confirm" the operation. Dialogs are shown without blocking, so the topology keeps updating behind them.
 */
public final class ActionLauncher {

    private final ActionsViewModel viewModel;
    private final Window owner;

    public ActionLauncher(ActionsViewModel viewModel, Window owner) {
        this.viewModel = viewModel;
        this.owner = owner;
    }

    public void confirmAndRun(ClusterAction action) {
        Confirmation confirmation = viewModel.confirmation(action);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.initOwner(owner);
        alert.setTitle(confirmation.title());
        alert.setHeaderText(confirmation.title() + "?");
        alert.setContentText(confirmation.whatHappens());
        alert.getDialogPane().setId("confirm-dialog");
        AppStyles.apply(alert.getDialogPane());
        ButtonType confirm = new ButtonType(confirmation.confirmLabel(), ButtonBar.ButtonData.OK_DONE);
        alert.getButtonTypes().setAll(confirm, ButtonType.CANCEL);
        styleConfirm(alert, confirm, confirmation.risky());
        alert.setOnHidden(e -> {
            if (alert.getResult() == confirm) {
                viewModel.perform(confirmation);
            }
        });
        alert.show();
    }

    /** The candidate picker for a planned switchover, the best candidate (or the given one) preselected. */
    public void switchover(Optional<String> preselect) {
        new CandidateDialog(viewModel, CandidateDialog.Mode.SWITCHOVER, preselect, owner, this::switchover)
                .showThen(viewModel::perform);
    }

    public void failover() {
        new CandidateDialog(viewModel, CandidateDialog.Mode.FAILOVER, Optional.empty(), owner, this::switchover)
                .showThen(viewModel::perform);
    }

    public void pauseOrResume() {
        confirmAndRun(viewModel.pauseOrResume());
    }

    static void styleConfirm(Dialog<?> dialog, ButtonType confirm, boolean risky) {
        Button button = (Button) dialog.getDialogPane().lookupButton(confirm);
        button.setId("confirm-button");
        button.getStyleClass().add(risky ? Styles.DANGER : Styles.ACCENT);
    }
}
