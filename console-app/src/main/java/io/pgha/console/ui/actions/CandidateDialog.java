package io.pgha.console.ui.actions;

import io.pgha.console.service.ClusterAction;
import io.pgha.console.ui.common.AppStyles;
import io.pgha.console.ui.common.Tone;
import io.pgha.console.ui.common.Tones;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Picks the member to promote: every replica with its role, state and lag, the best one preselected,
 * ineligible ones greyed with the reason; below, what the chosen action will do.
 */
final class CandidateDialog extends Dialog<ButtonType> {

    /** Planned switchover (the leader hands over) or failover (without it). */
    enum Mode { SWITCHOVER, FAILOVER }

    private final ActionsViewModel viewModel;
    private final Mode mode;
    private final ListView<Candidate> list = new ListView<>();
    private final Label consequences = new Label();
    private final ButtonType confirm;

    CandidateDialog(ActionsViewModel viewModel, Mode mode, Optional<String> preselect, Window owner) {
        this.viewModel = viewModel;
        this.mode = mode;
        initOwner(owner);
        setTitle(mode == Mode.SWITCHOVER ? "Switchover" : "Failover");
        setHeaderText(mode == Mode.SWITCHOVER ? "Choose the new primary" : "Choose the member to promote");
        getDialogPane().setId("candidate-dialog");
        AppStyles.apply(getDialogPane());
        list.setId("candidate-list");
        list.getItems().setAll(viewModel.candidates());
        list.setPrefHeight(list.getItems().size() * 32.0 + 8);
        list.setCellFactory(l -> new CandidateCell());
        consequences.setWrapText(true);
        consequences.setPrefWidth(460);
        consequences.setId("candidate-consequences");
        getDialogPane().setContent(new VBox(10, list, consequences));
        confirm = new ButtonType(mode == Mode.SWITCHOVER ? "Switch over" : "Fail over", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(confirm, ButtonType.CANCEL);
        ActionLauncher.styleConfirm(this, confirm, true);
        list.getSelectionModel().selectedItemProperty().addListener((o, a, c) -> describe(c));
        Optional<Candidate> first = preselect.flatMap(name -> list.getItems().stream().filter(c -> c.name().equals(name)).findFirst())
                .or(viewModel::bestCandidate);
        first.ifPresentOrElse(c -> list.getSelectionModel().select(c), () -> describe(null));
    }

    private Optional<ClusterAction> action(Candidate c) {
        if (c == null || !c.eligible()) {
            return Optional.empty();
        }
        return mode == Mode.SWITCHOVER ? viewModel.switchoverTo(c.name()) : Optional.of(viewModel.failoverTo(c.name()));
    }

    private void describe(Candidate c) {
        Optional<ClusterAction> action = action(c);
        getDialogPane().lookupButton(confirm).setDisable(action.isEmpty());
        consequences.setText(action.map(a -> viewModel.confirmation(a).whatHappens())
                .orElse(c == null ? "No member can be promoted now." : c.name() + " cannot be promoted: " + c.whyNot().orElse(
                        "there is no primary to hand over from (use failover)")));
    }

    void showThen(Consumer<Confirmation> confirmed) {
        setOnHidden(e -> {
            if (getResult() == confirm) {
                action(list.getSelectionModel().getSelectedItem()).map(viewModel::confirmation).ifPresent(confirmed);
            }
        });
        show();
    }

    private static final class CandidateCell extends ListCell<Candidate> {
        @Override
        protected void updateItem(Candidate c, boolean empty) {
            super.updateItem(c, empty);
            if (empty || c == null) {
                setText(null);
                setGraphic(null);
                setDisable(false);
            } else {
                setText(c.toString());
                setGraphic(Tones.dot(c.eligible() ? Tone.OK : Tone.UNKNOWN));
                setDisable(!c.eligible());
            }
        }
    }
}
