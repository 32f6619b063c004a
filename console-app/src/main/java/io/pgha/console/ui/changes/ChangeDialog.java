package io.pgha.console.ui.changes;

import atlantafx.base.theme.Styles;
import io.pgha.console.ui.common.AppStyles;
import io.pgha.console.ui.common.DialogFit;
import io.pgha.console.ui.common.FormRows;
import io.pgha.console.ui.common.Tone;
import io.pgha.console.ui.common.Tones;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * A day-two change's dialog: its input (the image, the member, the volume), the plan as {@code --dry-run} prints it,
 * the typed confirmation when a volume is deleted; once confirmed the same list shows each step's progress. Not modal:
 * the console stays usable while a plan runs, and closing the dialog leaves it running (the header and a notice tell its
 * end).
 */
final class ChangeDialog {

    private ChangeDialog() {}

    static void show(Window owner, ChangeViewModel vm) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        // a plan runs for minutes: the console stays usable beside it (one change or action at a time all the same)
        dialog.initModality(Modality.NONE);
        dialog.setTitle(vm.title());
        dialog.setHeaderText(vm.header());
        dialog.getDialogPane().setId("change-dialog");

        VBox form = new VBox(8);
        form.visibleProperty().bind(vm.startedProperty().not());
        form.managedProperty().bind(form.visibleProperty());
        switch (vm.kind()) {
            case UPGRADE -> form.getChildren().addAll(imageRow(vm), muted("Running now: " + vm.imagesNow()));
            case REPLACE_NODE -> {
                ComboBox<String> node = new ComboBox<>();
                node.getItems().setAll(vm.members());
                node.setId("change-node");
                node.valueProperty().bindBidirectional(vm.nodeProperty());
                CheckBox keep = new CheckBox("Keep the old data in a volume of its own (its name is reported)");
                keep.setId("change-keep-volume");
                keep.selectedProperty().bindBidirectional(vm.keepVolumeProperty());
                form.getChildren().addAll(new HBox(8, FormRows.label("Member"), node), keep);
            }
            case REMOVE_NODE -> {
                CheckBox delete = new CheckBox("Delete its data volume too (kept by default)");
                delete.setId("change-delete-volume");
                delete.selectedProperty().bindBidirectional(vm.deleteVolumeProperty());
                form.getChildren().add(delete);
            }
            case APPLY_SPEC -> form.getChildren().addAll(SpecEditor.of(vm));
            case ADD_REPLICA -> {}
        }
        Label warning = new Label();
        warning.setId("change-warning");
        warning.setWrapText(true);
        warning.textProperty().bind(vm.warningProperty());
        Tones.apply(warning, Tone.WARN);
        warning.getStyleClass().add("tone-text");
        TextField typed = new TextField();
        typed.setId("change-typed");
        typed.textProperty().bindBidirectional(vm.typedProperty());
        VBox confirmation = new VBox(6, warning, typed);
        confirmation
                .visibleProperty()
                .bind(vm.warningProperty().isNotEmpty().and(vm.startedProperty().not()));
        confirmation.managedProperty().bind(confirmation.visibleProperty());

        Label problem = new Label();
        problem.setId("change-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(vm.problemProperty());
        problem.visibleProperty().bind(vm.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        ListView<ChangeStep> steps = new ListView<>(vm.steps());
        steps.setId("change-steps");
        steps.setPrefHeight(220);
        steps.setCellFactory(l -> new ListCell<>() {
            private final Label text = new Label();

            {
                text.setWrapText(true);
                text.getStyleClass().add("change-step-text");
                text.setMinHeight(Region.USE_PREF_SIZE);
                // a cell's own text does not wrap to the list's width: a label bound to it does
                text.maxWidthProperty().bind(l.widthProperty().subtract(48));
            }

            @Override
            protected void updateItem(ChangeStep s, boolean empty) {
                super.updateItem(s, empty);
                setText(null);
                if (empty || s == null) {
                    setGraphic(null);
                    return;
                }
                String state = s.status() == ChangeStep.Status.PLANNED
                        ? ""
                        : " [" + s.status().label() + "]";
                text.setText(s.line() + state + (s.detail().isEmpty() ? "" : "\n    " + s.detail()));
                HBox row = new HBox(6, Tones.dot(s.tone()), text);
                row.setAlignment(Pos.TOP_LEFT);
                setGraphic(row);
            }
        });
        Label planTitle = new Label("Plan");
        planTitle.getStyleClass().add(Styles.TITLE_4);
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setId("change-spinner");
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(vm.planningProperty().or(vm.runningProperty()));
        Label outcome = new Label();
        outcome.setId("change-outcome");
        outcome.setWrapText(true);
        outcome.textProperty().bind(vm.outcomeProperty());
        outcome.visibleProperty().bind(vm.startedProperty());
        outcome.managedProperty().bind(outcome.visibleProperty());

        VBox content = new VBox(10, form, new HBox(8, planTitle, spinner), problem, steps, confirmation, outcome);
        VBox.setVgrow(steps, Priority.ALWAYS);
        content.setPrefWidth(660);
        dialog.getDialogPane().setContent(content);

        ButtonType confirm = new ButtonType(vm.confirmLabel(), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(confirm, ButtonType.CANCEL);
        Button ok = (Button) dialog.getDialogPane().lookupButton(confirm);
        ok.setId("change-confirm");
        ok.getStyleClass().add(vm.risky() ? Styles.DANGER : Styles.ACCENT);
        // Enter never changes a cluster: the confirmation is a click
        ok.setDefaultButton(false);
        ok.disableProperty().bind(vm.canConfirmProperty().not());
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            vm.run();
        });
        ok.visibleProperty().bind(vm.startedProperty().not());
        ok.managedProperty().bind(ok.visibleProperty());
        Button cancel = (Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setId("change-cancel");
        vm.startedProperty().addListener((o, a, s) -> cancel.setText("Close"));
        AppStyles.apply(dialog.getDialogPane());
        DialogFit.keep(dialog);
        dialog.setOnHidden(e -> vm.cancel());
        vm.plan();
        dialog.show();
    }

    private static HBox imageRow(ChangeViewModel vm) {
        TextField image = new TextField();
        image.setId("change-image");
        image.setPromptText("pgha/spilo-17:next");
        image.textProperty().bindBidirectional(vm.imageProperty());
        HBox.setHgrow(image, Priority.ALWAYS);
        Button show = new Button("Show plan");
        show.setId("change-plan");
        show.setOnAction(e -> vm.plan());
        image.setOnAction(e -> vm.plan());
        return new HBox(8, FormRows.label("Image"), image, show);
    }

    private static Label muted(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("text-muted");
        label.setWrapText(true);
        return label;
    }
}
