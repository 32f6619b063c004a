package io.pgha.console.ui.common;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.shape.Circle;

/** Puts a tone's CSS class on a node, replacing any other tone. */
public final class Tones {

    private Tones() {}

    /**
     * Leaves the node alone when it has that tone already: any change to its style classes, even one that ends where
     * it began, makes JavaFX apply its CSS again and ask for a pulse.
     */
    public static <N extends Node> N apply(N node, Tone tone) {
        List<String> classes = node.getStyleClass();
        if (classes.contains(tone.styleClass())
                && classes.stream().filter(c -> c.startsWith("tone-")).count() == 1) {
            return node;
        }
        classes.removeIf(c -> c.startsWith("tone-"));
        classes.add(tone.styleClass());
        return node;
    }

    /** A small coloured dot, the at-a-glance sign of a status. */
    public static Circle dot(Tone tone) {
        Circle dot = new Circle(5);
        dot.getStyleClass().add("status-dot");
        return apply(dot, tone);
    }

    /** A rounded label coloured by the tone. */
    public static Label badge(String text, Tone tone) {
        Label badge = new Label(text);
        badge.getStyleClass().add("badge");
        return apply(badge, tone);
    }
}
