package io.pgha.console.ui.backups;

import atlantafx.base.theme.Styles;
import io.pgha.console.ui.common.AppStyles;
import io.pgha.console.ui.common.DialogFit;
import io.pgha.console.ui.common.FormRows;
import io.pgha.console.ui.common.Tone;
import io.pgha.console.ui.common.Tones;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * "Restore to a point in time…": the target (a moment inside the window, with a slider over it, the end of the archive
 * or the end of a backup) and the destination (a new cluster with a free name and ports, or the cluster itself after a
 * warning and its typed name). Once confirmed the form gives way to the restore's steps; closing the dialog leaves the
 * restore running and its result comes as a notice.
 */
final class RestoreDialog {

    private RestoreDialog() {}

    static void show(Window owner, RestoreViewModel vm) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Restore " + vm.cluster());
        dialog.setHeaderText("Restore " + vm.cluster() + " to a point in time");
        dialog.getDialogPane().setId("restore-dialog");

        ToggleGroup targets = new ToggleGroup();
        RadioButton atTime = radio("A moment inside the recoverable window", "restore-at-time", targets);
        RadioButton latest = radio("The end of the archive (latest)", "restore-latest", targets);
        RadioButton ofBackup = radio("The end of a backup", "restore-of-backup", targets);
        select(targets, vm.targetProperty().get(), atTime, latest, ofBackup);
        targets.selectedToggleProperty()
                .addListener((o, a, t) -> vm.targetProperty()
                        .set(
                                t == latest
                                        ? RestoreViewModel.Target.LATEST
                                        : t == ofBackup
                                                ? RestoreViewModel.Target.BACKUP
                                                : RestoreViewModel.Target.TIME));
        TextField time = new TextField();
        time.setId("restore-time");
        time.setPromptText("2026-12-05T09:30:00Z");
        time.textProperty().bindBidirectional(vm.timeProperty());
        Slider slider = new Slider(0, 1, vm.positionProperty().get());
        slider.setId("restore-slider");
        slider.valueProperty().bindBidirectional(vm.positionProperty());
        time.disableProperty().bind(atTime.selectedProperty().not());
        slider.disableProperty().bind(atTime.selectedProperty().not());
        ComboBox<String> backup = new ComboBox<>(vm.backupLabels());
        backup.setId("restore-backup");
        backup.valueProperty().bindBidirectional(vm.backupProperty());
        backup.disableProperty().bind(ofBackup.selectedProperty().not());
        Label window = muted("Recoverable window " + vm.windowText() + " (UTC)");
        VBox target = new VBox(6, window, atTime, time, slider, latest, ofBackup, backup);
        target.setPadding(new Insets(0, 0, 0, 4));

        ToggleGroup destinations = new ToggleGroup();
        RadioButton fresh = radio(
                "A new cluster (the safe choice: " + vm.cluster() + " stays as it is)", "restore-new", destinations);
        RadioButton inPlace = radio("In place: rebuild " + vm.cluster() + " itself", "restore-in-place", destinations);
        fresh.setSelected(true);
        destinations
                .selectedToggleProperty()
                .addListener((o, a, t) -> vm.destinationProperty()
                        .set(
                                t == inPlace
                                        ? RestoreViewModel.Destination.IN_PLACE
                                        : RestoreViewModel.Destination.NEW_CLUSTER));
        GridPane newCluster = new GridPane();
        newCluster.setHgap(8);
        newCluster.setVgap(4);
        TextField name = field("restore-name", vm.nameProperty());
        newCluster.addRow(0, FormRows.label("Name"), name);
        for (int i = 0; i < RestoreViewModel.PORT_NAMES.size(); i++) {
            TextField port = field("restore-port-" + i, vm.port(i));
            port.setPrefColumnCount(6);
            newCluster.add(FormRows.label(RestoreViewModel.PORT_NAMES.get(i) + " port"), (i % 2) * 2, 1 + i / 2);
            newCluster.add(port, (i % 2) * 2 + 1, 1 + i / 2);
        }
        newCluster.visibleProperty().bind(fresh.selectedProperty());
        newCluster.managedProperty().bind(newCluster.visibleProperty());

        Label warning = new Label();
        warning.setId("restore-warning");
        warning.setWrapText(true);
        tone(warning, Tone.WARN);
        Runnable warn = () -> warning.setText("This REBUILDS " + vm.cluster() + ": everything written after the target"
                + " is lost, and the cluster is down while it is restored. It:\n  - "
                + String.join("\n  - ", vm.effects()));
        warn.run();
        vm.effects().addListener((javafx.collections.ListChangeListener<String>) c -> warn.run());
        TextField confirmation = field("restore-confirmation", vm.confirmationProperty());
        confirmation.setPromptText(vm.cluster());
        VBox place = new VBox(6, warning, FormRows.label("Type " + vm.cluster() + " to confirm"), confirmation);
        place.visibleProperty().bind(inPlace.selectedProperty());
        place.managedProperty().bind(place.visibleProperty());

        Label problem = new Label();
        problem.setId("restore-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(vm.problemProperty());
        Runnable tone = () -> {
            problem.getStyleClass().removeAll("field-error", "text-muted");
            problem.getStyleClass().add(vm.problemIsErrorProperty().get() ? "field-error" : "text-muted");
        };
        tone.run();
        vm.problemIsErrorProperty().addListener((o, a, b) -> tone.run());

        VBox form = new VBox(
                10, section("Restore to"), target, section("Into"), fresh, newCluster, inPlace, place, problem);
        form.visibleProperty().bind(vm.startedProperty().not());
        form.managedProperty().bind(form.visibleProperty());

        ListView<RestoreStep> steps = new ListView<>(vm.steps());
        steps.setId("restore-steps");
        steps.setPrefHeight(240);
        steps.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(RestoreStep s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : s.title() + (s.detail().isEmpty() ? "" : ": " + s.detail()));
                setGraphic(empty || s == null ? null : Tones.dot(s.tone()));
                setWrapText(true);
            }
        });
        Label outcome = new Label();
        outcome.setId("restore-outcome");
        outcome.setWrapText(true);
        outcome.textProperty().bind(vm.outcomeProperty());
        VBox progress = new VBox(8, outcome, steps);
        progress.visibleProperty().bind(vm.startedProperty());
        progress.managedProperty().bind(progress.visibleProperty());

        VBox content = new VBox(form, progress);
        content.setPrefWidth(620);
        dialog.getDialogPane().setContent(content);

        ButtonType confirm = new ButtonType(vm.confirmLabel(), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(confirm, ButtonType.CANCEL);
        Button ok = (Button) dialog.getDialogPane().lookupButton(confirm);
        ok.setId("restore-confirm");
        ok.getStyleClass().add(Styles.ACCENT);
        ok.disableProperty().bind(vm.canRestoreProperty().not());
        vm.destinationProperty().addListener((o, a, d) -> {
            ok.setText(vm.confirmLabel());
            ok.getStyleClass().remove(Styles.DANGER);
            if (d == RestoreViewModel.Destination.IN_PLACE) {
                ok.getStyleClass().add(Styles.DANGER);
            }
        });
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            vm.restore();
        });
        ok.visibleProperty().bind(vm.startedProperty().not());
        ok.managedProperty().bind(ok.visibleProperty());
        Button cancel = (Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setId("restore-cancel");
        vm.startedProperty().addListener((o, a, s) -> cancel.setText("Close"));
        AppStyles.apply(dialog.getDialogPane());
        DialogFit.keep(dialog);
        vm.load();
        dialog.show();
    }

    private static RadioButton radio(String text, String id, ToggleGroup group) {
        RadioButton radio = new RadioButton(text);
        radio.setId(id);
        radio.setToggleGroup(group);
        return radio;
    }

    private static void select(ToggleGroup group, RestoreViewModel.Target t, RadioButton... in) {
        group.selectToggle(in[t.ordinal()]);
    }

    private static TextField field(String id, javafx.beans.property.StringProperty value) {
        TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(Styles.TITLE_4);
        return label;
    }

    private static Label muted(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("text-muted");
        label.setWrapText(true);
        return label;
    }

    /** The tone's colour on a text ({@code Tones.apply} replaces every tone- class, tone-text too). */
    private static void tone(Label label, Tone tone) {
        Tones.apply(label, tone);
        label.getStyleClass().add("tone-text");
    }
}
