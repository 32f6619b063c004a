package io.pgha.console.ui.common;

import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogEvent;
import javafx.scene.control.DialogPane;
import javafx.stage.Screen;
import javafx.stage.Window;

/**
 * Keeps a dialog's window as large as its content needs while the content changes (an error line appears,
 * a section is added): a dialog sizes itself once when shown, and its buttons were cut off after that.
 * It only grows, so a size the user chose is kept.
 */
public final class DialogFit {

    private DialogFit() {}

    public static void keep(Dialog<?> dialog) {
        DialogPane pane = dialog.getDialogPane();
        pane.needsLayoutProperty().addListener((o, was, needs) -> {
            if (needs) {
                grow(pane);
            }
        });
        dialog.addEventHandler(DialogEvent.DIALOG_SHOWN, e -> grow(pane));
    }

    private static void grow(DialogPane pane) {
        Scene scene = pane.getScene();
        Window window = scene == null ? null : scene.getWindow();
        if (window == null || !window.isShowing()) {
            return;
        }
        // what it cannot do without (lists may shrink; labels, fields and the buttons may not), within the screen
        double height = pane.minHeight(scene.getWidth());
        double room =
                Screen.getScreensForRectangle(window.getX(), window.getY(), window.getWidth(), window.getHeight())
                                .stream()
                                .findFirst()
                                .orElse(Screen.getPrimary())
                                .getVisualBounds()
                                .getMaxY()
                        - window.getY();
        double decorations = window.getHeight() - scene.getHeight();
        if (height > scene.getHeight() + 0.5) {
            window.setHeight(Math.min(height + decorations, Math.max(room, window.getHeight())));
        }
    }
}
