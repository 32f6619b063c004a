package io.pgha.console.ui.changes;

import io.pgha.console.ui.common.FormRows;
import java.io.File;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * Apply spec's input in the change dialog: the spec as YAML text (the running one until edited, or a spec file's), the
 * buttons to open a file, go back to the running spec and show the plan, and what the planned spec changes key by key.
 */
final class SpecEditor {

    private SpecEditor() {}

    static VBox of(ChangeViewModel vm) {
        TextArea text = new TextArea();
        text.setId("change-spec");
        text.getStyleClass().add("spec-text");
        text.setPrefRowCount(12);
        text.textProperty().bindBidirectional(vm.specProperty());
        Button open = new Button("Open spec file…");
        open.setId("change-spec-open");
        open.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Spec to apply");
            chooser.getExtensionFilters()
                    .addAll(
                            new FileChooser.ExtensionFilter("YAML spec", "*.yaml", "*.yml"),
                            new FileChooser.ExtensionFilter("Any file", "*"));
            File file = chooser.showOpenDialog(open.getScene().getWindow());
            if (file != null) {
                vm.openSpecFile(file.toPath());
            }
        });
        Button running = new Button("Running spec");
        running.setId("change-spec-running");
        running.setOnAction(e -> vm.showRunningSpec());
        Button show = new Button("Show plan");
        show.setId("change-plan");
        show.setOnAction(e -> vm.plan());
        Label changes = new Label();
        changes.setId("change-spec-diff");
        changes.getStyleClass().add("spec-text");
        changes.setWrapText(true);
        changes.textProperty().bind(vm.specChangesProperty());
        Label changesTitle = FormRows.label("What the spec changes");
        VBox diff = new VBox(4, changesTitle, changes);
        diff.visibleProperty().bind(vm.specChangesProperty().isNotEmpty());
        diff.managedProperty().bind(diff.visibleProperty());
        return new VBox(6, text, new HBox(8, open, running, show), diff);
    }
}
