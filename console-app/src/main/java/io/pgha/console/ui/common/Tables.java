package io.pgha.console.ui.common;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Columns over immutable row records, which need no properties of their own. */
public final class Tables {

    private Tables() {
    }

    public static <S> TableColumn<S, String> column(String title, double emWidth, Function<S, String> value) {
        TableColumn<S, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setPrefWidth(emWidth * 13);
        return column;
    }

    public static <S> TableColumn<S, S> toneColumn(String title, double emWidth, Function<S, String> text, Function<S, Tone> tone) {
        TableColumn<S, S> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setCellFactory(c -> new ToneCell<>(text, tone));
        column.setComparator((a, b) -> Integer.compare(tone.apply(b).severity(), tone.apply(a).severity()));
        column.setPrefWidth(emWidth * 13);
        return column;
    }

    public static <S> TableView<S> table(String placeholder) {
        TableView<S> table = new TableView<>();
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label(placeholder));
        return table;
    }
}
