package io.pgha.console.ui.settings;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Settings tab's stack spec: "Apply spec…" opens the running spec to edit (or a spec file) with the plan of what
 * {@code pgha apply --spec FILE} would do, before anything changes. Disabled while another action or change runs.
 */
public final class ApplySpecSection extends VBox {

    public ApplySpecSection(Runnable open, ObservableBooleanValue busy) {
        setId("settings-spec");
        setSpacing(8);
        setStyle("-fx-padding: 0.8em;");
        Label title = new Label("STACK SPEC");
        title.getStyleClass().add("section-title");
        Label hint =
                new Label("pgha apply --spec FILE: edit the spec the stack runs or open a spec file; what it changes"
                        + " and the plan, each step with its cost, come before anything changes.");
        hint.setWrapText(true);
        // a wrapped label in a VBox is cut to one line unless it may be as tall as its text
        hint.setMinHeight(Region.USE_PREF_SIZE);
        hint.getStyleClass().add("text-muted");
        Button apply = new Button("Apply spec…");
        apply.setId("settings-apply-spec");
        apply.setTooltip(new Tooltip("Edit the running spec or open a spec file; the plan is shown first"));
        apply.disableProperty().bind(busy);
        apply.setOnAction(e -> open.run());
        getChildren().addAll(title, hint, apply);
    }
}
