package io.pgha.console.ui.clusters;

import io.pgha.console.ui.common.Tone;
import io.pgha.console.ui.common.Tones;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/** The clusters sidebar: every known cluster with a dot for its state, and the ways to add one. */
public final class ClustersView extends VBox {

    public ClustersView(ClustersViewModel viewModel, Runnable create, Runnable attach) {
        setId("clusters-view");
        getStyleClass().add("sidebar");
        Label title = new Label("CLUSTERS");
        title.getStyleClass().add("section-title");
        ListView<ClusterItem> list = new ListView<>(viewModel.items());
        list.setId("cluster-list");
        Label empty = new Label();
        empty.setId("cluster-list-empty");
        empty.textProperty().bind(viewModel.loadedProperty().map(loaded -> loaded ? "No clusters yet." : ""));
        list.setPlaceholder(empty);
        list.setCellFactory(l -> new ClusterCell(viewModel));
        list.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, a, item) -> viewModel.selectedProperty().set(item));
        viewModel.selectedProperty().addListener((o, a, item) -> {
            if (list.getSelectionModel().getSelectedItem() != item) {
                list.getSelectionModel().select(item);
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        Button createButton = new Button("Create…");
        createButton.setId("sidebar-create");
        createButton.setTooltip(new Tooltip("Create a cluster on the local Docker engine (Ctrl+N)"));
        createButton.setOnAction(e -> create.run());
        Button attachButton = new Button("Attach…");
        attachButton.setId("sidebar-attach");
        attachButton.setTooltip(new Tooltip("Attach to an existing Patroni cluster (Ctrl+O)"));
        attachButton.setOnAction(e -> attach.run());
        createButton.setMaxWidth(Double.MAX_VALUE);
        attachButton.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(createButton, Priority.ALWAYS);
        HBox.setHgrow(attachButton, Priority.ALWAYS);
        Label problem = new Label();
        problem.getStyleClass().add("field-error");
        problem.textProperty().bind(viewModel.problemProperty());
        problem.visibleProperty().bind(viewModel.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        getChildren().addAll(title, list, problem, new HBox(6, createButton, attachButton));
    }

    private static final class ClusterCell extends ListCell<ClusterItem> {
        private final ClustersViewModel viewModel;
        private final Circle dot = Tones.dot(Tone.UNKNOWN);
        private final Label name = new Label();
        private final Label state = new Label();
        private final HBox row = new HBox(8, dot, new VBox(name, state));
        private final ChangeListener<Tone> toneListener = (o, a, tone) -> Tones.apply(dot, tone);
        private ClusterItem shown;

        ClusterCell(ClustersViewModel viewModel) {
            this.viewModel = viewModel;
            name.setStyle("-fx-font-weight: bold;");
            state.getStyleClass().add("muted");
            // a long state ("switching over (pg-0 → pg-1)") wraps inside the sidebar instead of widening the list
            state.setWrapText(true);
            state.prefWidthProperty().bind(widthProperty().subtract(44));
            state.setMinHeight(Region.USE_PREF_SIZE);
            setPrefWidth(0);
            row.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(ClusterItem item, boolean empty) {
            super.updateItem(item, empty);
            if (shown != null) {
                shown.toneProperty().removeListener(toneListener);
                state.textProperty().unbind();
                shown = null;
            }
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                setContextMenu(null);
                setTooltip(null);
                return;
            }
            shown = item;
            item.toneProperty().addListener(toneListener);
            Tones.apply(dot, item.toneProperty().get());
            name.setText(item.name());
            state.textProperty().bind(item.stateProperty());
            row.setId("cluster-" + item.name());
            setGraphic(row);
            setTooltip(new Tooltip(item.name() + " (" + item.origin() + ")"));
            MenuItem forget = new MenuItem("Forget " + item.name() + "… (the cluster keeps running)");
            forget.setId("forget-" + item.name());
            forget.setOnAction(e -> viewModel.prepareForget(
                    item.name(), choice -> ForgetDialog.show(getScene().getWindow(), choice, viewModel::forget)));
            setContextMenu(new ContextMenu(forget));
        }
    }
}
