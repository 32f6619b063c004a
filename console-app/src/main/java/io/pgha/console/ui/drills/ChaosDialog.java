package io.pgha.console.ui.drills;

import atlantafx.base.theme.Styles;
import io.pgha.console.ui.common.AppStyles;
import io.pgha.console.ui.common.DialogFit;
import io.pgha.console.ui.common.FormRows;
import io.pgha.console.ui.common.Tone;
import io.pgha.console.ui.common.Tones;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * "Chaos…": the run's duration, seed and faults with the plan they give and what the run does to the cluster — the
 * confirmation — then its progress lines and, at the end, the report. Closing the dialog leaves the run going (its
 * verdict comes as a notice); Stop heals and cleans up first.
 */
final class ChaosDialog {

    private ChaosDialog() {}

    static void show(Window owner, ChaosViewModel vm) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Chaos run on " + vm.cluster());
        dialog.setHeaderText("Chaos run on " + vm.cluster() + ": seeded faults under workloads");
        dialog.getDialogPane().setId("chaos-dialog");

        TextField duration = field("chaos-duration", vm.durationProperty());
        TextField seed = field("chaos-seed", vm.seedProperty());
        GridPane numbers = new GridPane();
        numbers.setHgap(8);
        numbers.setVgap(4);
        numbers.addRow(0, FormRows.label("Duration"), duration, FormRows.label("Seed"), seed);
        FlowPane kinds = new FlowPane(12, 6);
        kinds.setId("chaos-kinds");
        for (ChaosKind k : vm.kinds()) {
            CheckBox box = new CheckBox(k.id());
            box.setId("chaos-kind-" + k.id());
            box.selectedProperty().bindBidirectional(k.selectedProperty());
            box.setTooltip(new Tooltip(k.description()));
            kinds.getChildren().add(box);
        }
        Label plan = new Label();
        plan.setId("chaos-plan");
        plan.setWrapText(true);
        plan.textProperty().bind(vm.planProperty());
        Label warning = new Label(vm.warning());
        warning.setId("chaos-warning");
        warning.setWrapText(true);
        tone(warning, Tone.WARN);
        Label problem = new Label();
        problem.setId("chaos-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(vm.problemProperty());
        Runnable tone = () -> {
            problem.getStyleClass().removeAll("field-error", "text-muted");
            problem.getStyleClass().add(vm.problemIsErrorProperty().get() ? "field-error" : "text-muted");
        };
        tone.run();
        vm.problemIsErrorProperty().addListener((o, a, b) -> tone.run());
        VBox form = new VBox(8, numbers, FormRows.label("Faults"), kinds, plan, warning, problem);
        form.visibleProperty().bind(vm.startedProperty().not());
        form.managedProperty().bind(form.visibleProperty());

        Label verdict = new Label();
        verdict.setId("chaos-verdict");
        verdict.setWrapText(true);
        verdict.textProperty().bind(vm.verdictProperty());
        tone(verdict, vm.verdictToneProperty().get());
        vm.verdictToneProperty().addListener((o, a, t) -> tone(verdict, t));
        ListView<String> log = new ListView<>(vm.log());
        log.setId("chaos-log");
        log.setPrefHeight(180);
        vm.log().addListener((javafx.collections.ListChangeListener<String>)
                c -> log.scrollTo(vm.log().size() - 1));
        ListView<String> report = new ListView<>(vm.report());
        report.setId("chaos-report");
        report.setPrefHeight(200);
        report.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.report()));
        report.managedProperty().bind(report.visibleProperty());
        VBox progress = new VBox(8, verdict, log, report);
        progress.visibleProperty().bind(vm.startedProperty());
        progress.managedProperty().bind(progress.visibleProperty());

        VBox content = new VBox(form, progress);
        content.setPrefWidth(660);
        dialog.getDialogPane().setContent(content);

        ButtonType start = new ButtonType("Start chaos run", ButtonBar.ButtonData.OK_DONE);
        ButtonType stop = new ButtonType("Stop", ButtonBar.ButtonData.OTHER);
        dialog.getDialogPane().getButtonTypes().setAll(start, stop, ButtonType.CANCEL);
        Button ok = (Button) dialog.getDialogPane().lookupButton(start);
        ok.setId("chaos-start");
        ok.getStyleClass().add(Styles.DANGER);
        ok.disableProperty().bind(vm.canStartProperty().not());
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            vm.start();
        });
        ok.visibleProperty().bind(vm.startedProperty().not());
        ok.managedProperty().bind(ok.visibleProperty());
        Button halt = (Button) dialog.getDialogPane().lookupButton(stop);
        halt.setId("chaos-stop");
        halt.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            vm.stop();
        });
        halt.visibleProperty().bind(vm.busyProperty());
        halt.managedProperty().bind(halt.visibleProperty());
        Button cancel = (Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setId("chaos-cancel");
        cancel.setDefaultButton(true);
        vm.startedProperty().addListener((o, a, s) -> cancel.setText("Close"));
        AppStyles.apply(dialog.getDialogPane());
        DialogFit.keep(dialog);
        dialog.show();
    }

    private static TextField field(String id, javafx.beans.property.StringProperty value) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(14);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    /** The tone's colour on a text ({@code Tones.apply} replaces every tone- class, tone-text too). */
    private static void tone(Label label, Tone tone) {
        Tones.apply(label, tone);
        label.getStyleClass().add("tone-text");
    }
}
