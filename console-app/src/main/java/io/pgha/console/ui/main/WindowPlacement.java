package io.pgha.console.ui.main;

import io.pgha.console.prefs.ConsolePreferences;
import io.pgha.console.prefs.WindowGeometry;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** Puts the main window where it was last time, when that place is still on a screen; else 1280×800 or what fits. */
public final class WindowPlacement {

    public static final double DEFAULT_WIDTH = 1280;
    public static final double DEFAULT_HEIGHT = 800;
    public static final double MIN_WIDTH = 960;
    public static final double MIN_HEIGHT = 640;

    private WindowPlacement() {}

    public static void restore(Stage stage, ConsolePreferences preferences) {
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        WindowGeometry saved = preferences.window().orElse(null);
        if (saved != null
                && !Screen.getScreensForRectangle(saved.x(), saved.y(), saved.width(), saved.height())
                        .isEmpty()) {
            stage.setX(saved.x());
            stage.setY(saved.y());
            stage.setWidth(saved.width());
            stage.setHeight(saved.height());
            stage.setMaximized(saved.maximized());
            return;
        }
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        stage.setWidth(Math.min(DEFAULT_WIDTH, screen.getWidth()));
        stage.setHeight(Math.min(DEFAULT_HEIGHT, screen.getHeight()));
        stage.centerOnScreen();
    }

    /** Remembers the window (its normal bounds: a maximised window keeps the size it returns to). */
    public static void remember(Stage stage, ConsolePreferences preferences) {
        preferences.window(new WindowGeometry(
                stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized()));
    }
}
