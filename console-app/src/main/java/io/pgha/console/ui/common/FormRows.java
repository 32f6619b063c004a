package io.pgha.console.ui.common;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;

/** Form layout: a label, a field, and under it the field's inline error (hidden while empty). */
public final class FormRows {

    private FormRows() {}

    /** Adds the row and its error line; returns the next free row. */
    public static int add(GridPane grid, int row, String label, Node field, ObservableStringValue error) {
        grid.add(label(label), 0, row);
        grid.add(field, 1, row);
        Label message = errorLabel(error);
        if (field.getId() != null) {
            message.setId(field.getId() + "-error");
        }
        grid.add(message, 1, row + 1);
        return row + 2;
    }

    /** A label that never shrinks below its text (a truncated field name helps no one). */
    public static Label label(String text) {
        Label label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    public static Label errorLabel(ObservableStringValue error) {
        Label message = new Label();
        message.getStyleClass().add("field-error");
        message.textProperty().bind(error);
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        return message;
    }
}
