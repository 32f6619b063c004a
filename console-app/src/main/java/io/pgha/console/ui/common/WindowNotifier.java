package io.pgha.console.ui.common;

import java.util.Locale;
import javafx.animation.PauseTransition;
import javafx.beans.InvalidationListener;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * Shows notices in the bottom-right corner inside the main window, newest at the bottom, in the app's
 * stylesheet and theme. Each goes after a while, or when clicked. (ControlsFX's notifications were placed
 * partly outside the window, showed a question mark on success and could not style themselves over AtlantaFX.)
 */
public final class WindowNotifier implements Notifier {

    static final int MOST_SHOWN = 3;
    private static final double MARGIN = 16;
    private static final double WIDTH = 360;

    private final Window owner;
    private final VBox shown = new VBox(8);
    private final Popup popup = new Popup();

    public WindowNotifier(Window owner) {
        this.owner = owner;
        shown.setId("notices");
        shown.setPrefWidth(WIDTH);
        shown.setMaxWidth(WIDTH);
        AppStyles.apply(shown);
        popup.getContent().add(shown);
        popup.setAutoFix(false);
        InvalidationListener place = o -> place();
        owner.xProperty().addListener(place);
        owner.yProperty().addListener(place);
        owner.widthProperty().addListener(place);
        owner.heightProperty().addListener(place);
        shown.heightProperty().addListener(place);
        owner.showingProperty().addListener((o, was, showing) -> {
            if (!showing) {
                popup.hide();
            }
        });
    }

    @Override
    public void show(Notice notice) {
        Node toast = toast(notice);
        shown.getChildren().add(toast);
        if (shown.getChildren().size() > MOST_SHOWN) {
            shown.getChildren().removeFirst();
        }
        if (!popup.isShowing() && owner.isShowing()) {
            popup.show(owner);
        }
        shown.applyCss();
        shown.layout();
        place();
        PauseTransition linger = new PauseTransition(Duration.seconds(
                notice.level() == Notice.Level.ERROR || notice.level() == Notice.Level.WARNING ? 12 : 6));
        linger.setOnFinished(e -> dismiss(toast));
        linger.play();
        toast.setOnMouseClicked(e -> {
            linger.stop();
            dismiss(toast);
        });
    }

    private void dismiss(Node toast) {
        shown.getChildren().remove(toast);
        if (shown.getChildren().isEmpty()) {
            popup.hide();
        }
    }

    /** Inside the window's content area, in its bottom-right corner. */
    private void place() {
        if (!popup.isShowing() || owner.getScene() == null) {
            return;
        }
        double height = shown.getHeight() > 0 ? shown.getHeight() : shown.prefHeight(WIDTH);
        double sceneX = owner.getX() + owner.getScene().getX();
        double sceneY = owner.getY() + owner.getScene().getY();
        double x = sceneX + Math.max(MARGIN, owner.getScene().getWidth() - WIDTH - MARGIN);
        double y = sceneY + Math.max(MARGIN, owner.getScene().getHeight() - height - MARGIN * 2.5);
        // where the popup window puts its content (shadows, insets) is its own business: measure and correct
        Bounds actual = shown.localToScreen(shown.getLayoutBounds());
        if (actual != null) {
            popup.setX(popup.getX() + x - actual.getMinX());
            popup.setY(popup.getY() + y - actual.getMinY());
        }
    }

    private static Node toast(Notice notice) {
        Label mark = new Label(
                switch (notice.level()) {
                    case SUCCESS -> "✓";
                    case INFO -> "i";
                    case WARNING, ERROR -> "!";
                });
        mark.getStyleClass().add("notice-mark");
        Label title = new Label(notice.title());
        title.getStyleClass().add("notice-title");
        title.setWrapText(true);
        Label text = new Label(notice.text());
        text.getStyleClass().add("notice-text");
        text.setWrapText(true);
        VBox toast = new VBox(new HBox(6, mark, title), text);
        toast.getStyleClass()
                .addAll("notice-toast", "level-" + notice.level().name().toLowerCase(Locale.ROOT));
        toast.setId("notice-" + notice.level().name().toLowerCase(Locale.ROOT));
        toast.setPrefWidth(WIDTH);
        toast.setMaxWidth(WIDTH);
        return toast;
    }
}
