package io.pgha.console.ui.common;

import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

/** The row of filters and counts above a table. */
public final class Toolbars {

    private Toolbars() {}

    public static HBox of(Node... nodes) {
        HBox toolbar = new HBox(8, nodes);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("screen-toolbar");
        return toolbar;
    }

    /** A secondary text that follows a view-model property. */
    public static Label muted(ObservableStringValue text) {
        Label label = new Label();
        label.getStyleClass().add("muted");
        label.textProperty().bind(text);
        return label;
    }
}
