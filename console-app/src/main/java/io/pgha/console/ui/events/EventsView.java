package io.pgha.console.ui.events;

import io.pgha.console.ui.common.Tables;
import io.pgha.console.ui.common.Toolbars;
import io.pgha.runtime.model.ClusterEvent;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.util.StringConverter;
import org.controlsfx.control.CheckComboBox;

/** The events timeline: newest first, filterable by kind and node. */
public final class EventsView extends BorderPane {

    static final String ALL_NODES = "All nodes";

    public EventsView(EventsViewModel viewModel) {
        setId("events-view");
        CheckComboBox<ClusterEvent.Kind> kinds = new CheckComboBox<>();
        kinds.setId("event-kinds");
        kinds.getItems().setAll(ClusterEvent.Kind.values());
        kinds.setTitle("All kinds");
        kinds.setShowCheckedCount(true);
        kinds.setConverter(new StringConverter<>() {
            @Override
            public String toString(ClusterEvent.Kind kind) {
                return kind == null ? "" : EventRow.kindLabel(kind);
            }

            @Override
            public ClusterEvent.Kind fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
        kinds.getCheckModel().getCheckedItems().addListener((ListChangeListener<ClusterEvent.Kind>) c -> {
            viewModel.kindFilter().retainAll(kinds.getCheckModel().getCheckedItems());
            viewModel.kindFilter().addAll(kinds.getCheckModel().getCheckedItems());
        });

        ComboBox<String> nodes = new ComboBox<>();
        nodes.setId("event-node");
        nodes.getItems().add(ALL_NODES);
        nodes.getSelectionModel().select(ALL_NODES);
        viewModel.subjects().addListener((ListChangeListener<String>) c -> {
            String selected = nodes.getValue();
            nodes.getItems().setAll(ALL_NODES);
            nodes.getItems().addAll(viewModel.subjects());
            nodes.setValue(selected);
        });
        nodes.valueProperty()
                .addListener((o, a, node) -> viewModel
                        .subjectFilter()
                        .set(node == null || node.equals(ALL_NODES) ? Optional.empty() : Optional.of(node)));

        Label count = Toolbars.muted(Bindings.size(viewModel.rows()).asString("%d events"));

        TableView<EventRow> table = Tables.table("No events yet.");
        table.setId("events-table");
        table.getColumns().add(Tables.toneColumn("Time", 6, EventRow::time, EventRow::tone));
        table.getColumns().add(Tables.column("Kind", 10, EventRow::kind));
        table.getColumns().add(Tables.column("Node", 7, EventRow::subject));
        table.getColumns().add(Tables.column("What happened", 40, EventRow::message));
        table.setItems(viewModel.rows());
        setTop(Toolbars.of(new Label("Kinds"), kinds, new Label("Node"), nodes, count));
        setCenter(table);
    }
}
