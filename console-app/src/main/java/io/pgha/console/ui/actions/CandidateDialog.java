package io.pgha.console.ui.actions;

import io.pgha.console.service.ClusterAction;
import io.pgha.console.ui.common.AppStyles;
import io.pgha.console.ui.common.DialogFit;
import io.pgha.console.ui.common.Tone;
import io.pgha.console.ui.common.Tones;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogEvent;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Picks the member to promote: every replica with its role, state and lag, the best one preselected,
 * ineligible ones greyed with the reason; below, what the chosen action will do. A switchover can be
 * scheduled. A failover defaults to Cancel, and while the primary is healthy it says so, offers the
 * switchover instead and wants the cluster's name typed.
 */
final class CandidateDialog extends Dialog<ButtonType> {

    /** Planned switchover (the leader hands over) or failover (without it). */
    enum Mode {
        SWITCHOVER,
        FAILOVER
    }

    private final ActionsViewModel viewModel;
    private final Mode mode;
    private final ListView<Candidate> list = new ListView<>();
    private final Label consequences = new Label();
    private final ScheduleControls schedule;
    private final TextField typedName = new TextField();
    private final ButtonType confirm;
    private final Optional<String> healthyLeader;

    /** @param switchoverInstead opens the switchover dialog for the member chosen here */
    CandidateDialog(
            ActionsViewModel viewModel,
            Mode mode,
            Optional<String> preselect,
            Window owner,
            Consumer<Optional<String>> switchoverInstead) {
        this.viewModel = viewModel;
        this.mode = mode;
        this.healthyLeader = mode == Mode.FAILOVER ? viewModel.healthyLeader() : Optional.empty();
        this.schedule = new ScheduleControls(viewModel.proposedSchedule());
        initOwner(owner);
        setResizable(true);
        setTitle(mode == Mode.SWITCHOVER ? "Switchover" : "Failover");
        setHeaderText(mode == Mode.SWITCHOVER ? "Choose the new primary" : "Choose the member to promote");
        getDialogPane().setId("candidate-dialog");
        AppStyles.apply(getDialogPane());
        list.setId("candidate-list");
        list.getStyleClass().add("candidate-list");
        list.getItems().setAll(viewModel.candidates());
        // every row shows: the list is as tall as its rows are (a fixed size from the stylesheet), never a guess
        list.prefHeightProperty()
                .bind(Bindings.createDoubleBinding(
                        () -> list.getFixedCellSize()
                                        * Math.max(1, list.getItems().size())
                                + list.snappedTopInset()
                                + list.snappedBottomInset()
                                + 2,
                        list.fixedCellSizeProperty(),
                        list.getItems()));
        list.minHeightProperty().bind(list.prefHeightProperty());
        list.setCellFactory(l -> new CandidateCell());
        consequences.setWrapText(true);
        consequences.setPrefWidth(460);
        consequences.setMinHeight(Region.USE_PREF_SIZE);
        consequences.setId("candidate-consequences");
        VBox content = new VBox(10);
        healthyLeader.ifPresent(leader -> content.getChildren().add(healthyLeaderWarning(leader, switchoverInstead)));
        content.getChildren().add(list);
        if (mode == Mode.SWITCHOVER) {
            content.getChildren().add(schedule.node());
            schedule.changed(() -> describe(list.getSelectionModel().getSelectedItem()));
        }
        content.getChildren().add(consequences);
        healthyLeader.ifPresent(leader -> content.getChildren().add(typedNameRow()));
        getDialogPane().setContent(content);
        confirm = new ButtonType(mode == Mode.SWITCHOVER ? "Switch over" : "Fail over", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(confirm, ButtonType.CANCEL);
        ActionLauncher.styleConfirm(this, confirm, true);
        if (mode == Mode.FAILOVER) {
            // Enter right after Ctrl+Shift+F must not promote anything
            ((Button) getDialogPane().lookupButton(confirm)).setDefaultButton(false);
            ((Button) getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        }
        list.getSelectionModel().selectedItemProperty().addListener((o, a, c) -> describe(c));
        typedName
                .textProperty()
                .addListener((o, a, b) -> describe(list.getSelectionModel().getSelectedItem()));
        Optional<Candidate> first = preselect
                .flatMap(name -> list.getItems().stream()
                        .filter(c -> c.name().equals(name))
                        .findFirst())
                .or(viewModel::bestCandidate);
        first.ifPresentOrElse(c -> list.getSelectionModel().select(c), () -> describe(null));
        DialogFit.keep(this);
        addEventHandler(
                DialogEvent.DIALOG_SHOWN,
                e -> getDialogPane()
                        .lookupButton(mode == Mode.FAILOVER ? ButtonType.CANCEL : confirm)
                        .requestFocus());
    }

    private VBox healthyLeaderWarning(String leader, Consumer<Optional<String>> switchoverInstead) {
        Label says =
                new Label(leader + " is a healthy primary. A failover promotes a member without its consent, and what "
                        + leader + " has not replicated is lost. A switchover hands over cleanly.");
        says.setWrapText(true);
        says.setPrefWidth(460);
        says.setMinHeight(Region.USE_PREF_SIZE);
        Button instead = new Button("Switch over instead…");
        instead.setId("switchover-instead");
        instead.setOnAction(e -> {
            Optional<String> chosen = Optional.ofNullable(
                            list.getSelectionModel().getSelectedItem())
                    .map(Candidate::name);
            setResult(ButtonType.CANCEL);
            close();
            switchoverInstead.accept(chosen);
        });
        VBox box = new VBox(8, says, instead);
        box.setId("failover-healthy-leader");
        box.getStyleClass().add("failure-box");
        return box;
    }

    private VBox typedNameRow() {
        Label ask = new Label("To fail over anyway, type the cluster's name (" + viewModel.clusterName() + "):");
        ask.setWrapText(true);
        ask.setMinHeight(Region.USE_PREF_SIZE);
        typedName.setId("confirm-cluster-name");
        typedName.setPromptText(viewModel.clusterName());
        return new VBox(4, ask, typedName);
    }

    private Optional<ClusterAction> action(Candidate c) {
        if (c == null || !c.eligible()) {
            return Optional.empty();
        }
        if (mode == Mode.FAILOVER) {
            return Optional.of(viewModel.failoverTo(c.name()));
        }
        return schedule.at().isPresent()
                ? viewModel.switchoverTo(c.name(), schedule.at().get())
                : viewModel.switchoverTo(c.name());
    }

    private void describe(Candidate c) {
        Optional<ClusterAction> action = action(c);
        Optional<String> scheduleProblem = schedule.at().flatMap(viewModel::scheduleProblem);
        schedule.problem(scheduleProblem);
        boolean nameTyped = mode == Mode.SWITCHOVER || viewModel.failoverConfirmedBy(typedName.getText());
        getDialogPane().lookupButton(confirm).setDisable(action.isEmpty() || scheduleProblem.isPresent() || !nameTyped);
        consequences.setText(action.map(a -> viewModel.confirmation(a).whatHappens())
                .orElse(
                        c == null
                                ? "No member can be promoted now."
                                : c.name() + " cannot be promoted: "
                                        + c.whyNot().orElse("there is no primary to hand over from (use failover)")));
    }

    void showThen(Consumer<Confirmation> confirmed) {
        setOnHidden(e -> {
            if (getResult() == confirm) {
                action(list.getSelectionModel().getSelectedItem())
                        .map(viewModel::confirmation)
                        .ifPresent(confirmed);
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
