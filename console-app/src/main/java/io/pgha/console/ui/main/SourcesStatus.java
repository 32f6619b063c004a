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

    /** Changes only the labels whose source changed: a new label costs a CSS pass and a tooltip window. */
    private void fill(List<? extends SourceState> states) {
        while (sources.getChildren().size() > states.size()) {
            sources.getChildren().removeLast();
        }
        for (int i = 0; i < states.size(); i++) {
            SourceState s = states.get(i);
            if (i == sources.getChildren().size()) {
                Label label = new Label();
                label.setTooltip(new Tooltip());
                sources.getChildren().add(label);
            }
            Label label = (Label) sources.getChildren().get(i);
            if (s.equals(label.getUserData())) {
                continue;
            }
            label.setUserData(s);
            label.setText(s.name());
            label.setGraphic(Tones.dot(s.tone()));
            label.getTooltip().setText(s.toString());
        }
    }

    StatusBar node() {
        return bar;
    }
}
