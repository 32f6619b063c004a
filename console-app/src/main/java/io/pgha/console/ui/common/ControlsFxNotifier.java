package io.pgha.console.ui.common;

import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/** Shows notices as ControlsFX notifications in the corner of the main window. */
public final class ControlsFxNotifier implements Notifier {

    private final Window owner;

    public ControlsFxNotifier(Window owner) {
        this.owner = owner;
    }

    @Override
    public void show(Notice notice) {
        Notifications n = Notifications.create()
                .owner(owner)
                .title(notice.title())
                .text(notice.text())
                .position(Pos.BOTTOM_RIGHT)
                .hideAfter(Duration.seconds(notice.level() == Notice.Level.ERROR || notice.level() == Notice.Level.WARNING ? 12 : 6));
        if (owner.getScene() != null && owner.getScene().getRoot().getStyleClass().contains("dark")) {
            n.darkStyle();
        }
        switch (notice.level()) {
            case INFO -> n.showInformation();
            case SUCCESS -> n.showConfirm();
            case WARNING -> n.showWarning();
            case ERROR -> n.showError();
        }
    }
}
