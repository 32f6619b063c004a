package io.pgha.console.ui.drills;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** A fault a chaos run may draw, and whether the user chose it. */
public final class ChaosKind {

    private final String id;
    private final String description;
    private final BooleanProperty selected = new SimpleBooleanProperty(true);

    ChaosKind(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The fault's name as {@code pgha chaos --faults} takes it. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public BooleanProperty selectedProperty() {
        return selected;
    }
}
