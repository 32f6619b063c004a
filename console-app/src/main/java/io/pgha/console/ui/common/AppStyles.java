package io.pgha.console.ui.common;

import javafx.scene.Parent;

/** The app stylesheet, added to the main window and to every dialog (each is a scene of its own). */
public final class AppStyles {

    public static final String STYLESHEET = "/io/pgha/console/pgha.css";

    private AppStyles() {}

    public static <P extends Parent> P apply(P root) {
        root.getStylesheets().add(AppStyles.class.getResource(STYLESHEET).toExternalForm());
        return root;
    }
}
