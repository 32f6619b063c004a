package io.pgha.console.ui.events;

import io.pgha.console.ui.common.Tones;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The newest few events under the topology, so a change on the drawing is explained in words. */
public final class EventsStripView extends VBox {

    private final EventsViewModel viewModel;

    public EventsStripView(EventsViewModel viewModel) {
        this.viewModel = viewModel;
        setId("events-strip");
        getStyleClass().add("events-strip");
        viewModel.latest().addListener((ListChangeListener<EventRow>) c -> fill());
        fill();
    }

    private void fill() {
        getChildren().clear();
        if (viewModel.latest().isEmpty()) {
            Label none = new Label("No events yet.");
            none.getStyleClass().add("muted");
            getChildren().add(none);
            return;
        }
        for (EventRow row : viewModel.latest()) {
            Label time = new Label(row.time());
            time.getStyleClass().add("muted");
            Label text = new Label(row.kind() + " · " + row.subject() + " — " + row.message());
            HBox line = new HBox(8, Tones.dot(row.tone()), time, text);
            line.setAlignment(Pos.CENTER_LEFT);
            line.getStyleClass().add("event-line");
            getChildren().add(line);
        }
    }
}
