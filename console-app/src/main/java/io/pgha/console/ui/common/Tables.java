package io.pgha.console.ui.common;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/** Columns over immutable row records, which need no properties of their own. */
public final class Tables {

    private Tables() {}

    public static <S> TableColumn<S, String> column(String title, double emWidth, Function<S, String> value) {
        TableColumn<S, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        width(column, emWidth);
        return column;
    }

    /**
     * The column's preferred width, and never narrower than its title: the tables squeeze their columns into
     * the width they have, which cut titles to "Write out…".
     */
    private static void width(TableColumn<?, ?> column, double emWidth) {
        Text title = new Text(column.getText());
        title.setFont(Font.font(
                Font.getDefault().getFamily(),
                FontWeight.BOLD,
                Font.getDefault().getSize()));
        double header = Math.ceil(
                title.getLayoutBounds().getWidth() + 2 * Font.getDefault().getSize() + 6);
        column.setMinWidth(header);
        column.setPrefWidth(Math.max(emWidth * 13, header));
    }

    public static <S> TableColumn<S, S> toneColumn(
            String title, double emWidth, Function<S, String> text, Function<S, Tone> tone) {
        TableColumn<S, S> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setCellFactory(c -> new ToneCell<>(text, tone));
        column.setComparator((a, b) ->
                Integer.compare(tone.apply(b).severity(), tone.apply(a).severity()));
        width(column, emWidth);
        return column;
    }

    public static <S> TableView<S> table(String placeholder) {
        TableView<S> table = new TableView<>();
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label(placeholder));
        return table;
    }
}
