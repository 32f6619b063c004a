package io.pgha.console.ui.common;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.shape.Circle;

/** Puts a tone's CSS class on a node, replacing any other tone. */
public final class Tones {

    private Tones() {}

    public static <N extends Node> N apply(N node, Tone tone) {
        node.getStyleClass().removeIf(c -> c.startsWith("tone-"));
        node.getStyleClass().add(tone.styleClass());
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
