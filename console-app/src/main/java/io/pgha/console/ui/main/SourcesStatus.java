package io.pgha.console.ui.main;

import io.pgha.console.ui.common.Tones;
import io.pgha.console.ui.workspace.SourceState;
import io.pgha.console.ui.workspace.WorkspaceViewModel;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.controlsfx.control.StatusBar;

/** The status bar: when the snapshot was taken, and a dot per source (etcd, Patroni, HAProxy …) saying whether it answers. */
final class SourcesStatus {

    private final StatusBar bar = new StatusBar();
    private final HBox sources = new HBox(10);
    private final ListChangeListener<SourceState> listener = c -> fill(c.getList());
    private WorkspaceViewModel shown;

    SourcesStatus() {
        bar.setId("status-bar");
        bar.getRightItems().add(sources);
        show(null);
    }

    void show(WorkspaceViewModel workspace) {
        if (shown != null) {
            shown.sources().removeListener(listener);
        }
        shown = workspace;
        bar.textProperty().unbind();
        if (workspace == null) {
            bar.setText("No cluster open");
            sources.getChildren().clear();
            return;
        }
        bar.textProperty().bind(workspace.updatedProperty().map(u -> workspace.clusterName() + " · " + u));
        workspace.sources().addListener(listener);
        fill(workspace.sources());
    }

    private void fill(List<? extends SourceState> states) {
        sources.getChildren().clear();
        for (SourceState s : states) {
            Label label = new Label(s.name(), Tones.dot(s.tone()));
            label.setTooltip(new Tooltip(s.toString()));
            sources.getChildren().add(label);
        }
    }

    StatusBar node() {
        return bar;
    }
}
