package io.pgha.console.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.shape.Circle;
import org.junit.jupiter.api.Test;

class TonesTest {

    @Test
    void theSameToneAgainLeavesTheStyleClassesAlone() {
        Circle dot = Tones.dot(Tone.OK);
        List<String> changes = new ArrayList<>();
        dot.getStyleClass().addListener((ListChangeListener<String>) c -> changes.add(c.toString()));

        Tones.apply(dot, Tone.OK);

        assertThat(changes)
                .as("any change to the style classes makes JavaFX apply the node's CSS again")
                .isEmpty();
        assertThat(dot.getStyleClass()).containsExactly("status-dot", Tone.OK.styleClass());
    }

    @Test
    void anotherToneReplacesTheOldOne() {
        Circle dot = Tones.dot(Tone.OK);

        Tones.apply(dot, Tone.FAIL);

        assertThat(dot.getStyleClass()).containsExactly("status-dot", Tone.FAIL.styleClass());
    }
}
