package io.pgha.console.ui.actions;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** "Now" or a local date and time for a scheduled switchover (Patroni's scheduled_at). */
final class ScheduleControls {

    private final CheckBox later = new CheckBox("Later, at");
    private final DatePicker date = new DatePicker();
    private final Spinner<Integer> hour = new Spinner<>(0, 23, 0);
    private final Spinner<Integer> minute = new Spinner<>(0, 59, 0, 5);
    private final Label problem = new Label();
    private final VBox node;

    ScheduleControls(LocalDateTime proposed) {
        later.setId("schedule-switchover");
        date.setId("schedule-date");
        hour.setId("schedule-hour");
        minute.setId("schedule-minute");
        problem.setId("schedule-problem");
        problem.getStyleClass().add("field-error");
        date.setValue(proposed.toLocalDate());
        hour.getValueFactory().setValue(proposed.getHour());
        minute.getValueFactory().setValue(proposed.getMinute());
        for (Spinner<Integer> s : List.of(hour, minute)) {
            s.setEditable(true);
            s.setPrefWidth(76);
        }
        date.setPrefWidth(150);
        date.disableProperty().bind(later.selectedProperty().not());
        hour.disableProperty().bind(later.selectedProperty().not());
        minute.disableProperty().bind(later.selectedProperty().not());
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        HBox row = new HBox(6, later, date, hour, new Label(":"), minute, new Label("local time"));
        row.setAlignment(Pos.CENTER_LEFT);
        node = new VBox(4, row, problem);
    }

    Node node() {
        return node;
    }

    /** The chosen time, or empty for now. */
    Optional<LocalDateTime> at() {
        LocalDate day = date.getValue();
        if (!later.isSelected() || day == null) {
            return Optional.empty();
        }
        return Optional.of(LocalDateTime.of(day, LocalTime.of(hour.getValue(), minute.getValue())));
    }

    void problem(Optional<String> text) {
        problem.setText(text.orElse(""));
    }

    void changed(Runnable then) {
        later.selectedProperty().addListener((o, a, b) -> then.run());
        date.valueProperty().addListener((o, a, b) -> then.run());
        hour.valueProperty().addListener((o, a, b) -> then.run());
        minute.valueProperty().addListener((o, a, b) -> then.run());
    }
}
