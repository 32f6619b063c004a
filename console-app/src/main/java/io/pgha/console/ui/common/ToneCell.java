package io.pgha.console.ui.common;

import java.util.function.Function;
import javafx.scene.control.TableCell;

/** A table cell that shows a text with the row's status dot before it. */
public final class ToneCell<S> extends TableCell<S, S> {

    private final Function<S, String> text;
    private final Function<S, Tone> tone;

    public ToneCell(Function<S, String> text, Function<S, Tone> tone) {
        this.text = text;
        this.tone = tone;
    }

    @Override
    protected void updateItem(S item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setText(null);
            setGraphic(null);
        } else {
            setText(text.apply(item));
            setGraphic(Tones.dot(tone.apply(item)));
        }
    }
}
