package io.pgha.console.ui.backups;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * The recoverable window as a bar on a time axis, each backup a mark on it: a full backup a tall block, a differential
 * one a middle one, an incremental one a short one, each in its own colour; hovering a mark shows the backup. The next
 * scheduled backup is a hollow mark at its time when it falls on the axis.
 */
final class TimelineView extends Pane {

    private static final double AXIS_Y = 34;
    private static final double PAD = 8;

    private final Region axis = new Region();
    private final Region window = new Region();
    private final Label from = new Label();
    private final Label to = new Label();
    private Timeline timeline = Timeline.EMPTY;

    TimelineView(ObservableValue<Timeline> source) {
        setId("backup-timeline");
        getStyleClass().add("backup-timeline");
        setMinHeight(66);
        setPrefHeight(66);
        axis.getStyleClass().add("timeline-axis");
        window.setId("timeline-window");
        window.getStyleClass().add("timeline-window");
        from.getStyleClass().add("timeline-end");
        to.getStyleClass().add("timeline-end");
        to.setId("timeline-to");
        from.setId("timeline-from");
        show(source.getValue());
        source.addListener((o, a, t) -> show(t));
    }

    private void show(Timeline next) {
        timeline = next;
        getChildren().setAll(axis, window, from, to);
        from.setText(next.from());
        to.setText(next.to());
        window.setVisible(next.hasWindow());
        Tooltip.install(
                window,
                tip("Recoverable window: a restore can reach any moment from " + next.from() + " to " + next.to()));
        for (Timeline.Mark m : next.marks()) {
            Region mark = new Region();
            mark.setId("timeline-mark-" + m.label());
            mark.getStyleClass().addAll("timeline-mark", "timeline-" + m.type());
            if (m.failed()) {
                mark.getStyleClass().add("timeline-failed");
            }
            mark.setUserData(m);
            Tooltip.install(mark, tip(m.details()));
            getChildren().add(mark);
        }
        if (next.next() >= 0) {
            Region mark = new Region();
            mark.setId("timeline-next");
            mark.getStyleClass().addAll("timeline-mark", "timeline-next");
            mark.setUserData(next.next());
            Tooltip.install(mark, tip(next.nextText()));
            getChildren().add(mark);
        }
        requestLayout();
    }

    private static Tooltip tip(String text) {
        Tooltip tip = new Tooltip(text);
        tip.setShowDelay(Duration.millis(200));
        tip.setWrapText(true);
        tip.setMaxWidth(460);
        return tip;
    }

    @Override
    protected void layoutChildren() {
        double width = Math.max(1, getWidth() - 2 * PAD);
        axis.resizeRelocate(PAD, AXIS_Y, width, 2);
        window.resizeRelocate(
                PAD + timeline.windowFrom() * width,
                AXIS_Y - 5,
                Math.max(2, (timeline.windowTo() - timeline.windowFrom()) * width),
                12);
        for (var child : getChildren()) {
            if (child.getUserData() instanceof Timeline.Mark m) {
                double height = switch (m.type()) {
                    case "full" -> 26;
                    case "diff" -> 18;
                    default -> 12;
                };
                double x = PAD + m.from() * width;
                double w = Math.max(6, (m.to() - m.from()) * width);
                ((Region) child).resizeRelocate(Math.min(x, PAD + width - w), AXIS_Y - height, w, height);
            } else if (child.getUserData() instanceof Double at) {
                ((Region) child).resizeRelocate(PAD + at * width - 4, AXIS_Y - 20, 8, 20);
            }
        }
        from.autosize();
        to.autosize();
        from.relocate(PAD, AXIS_Y + 8);
        to.relocate(PAD + width - to.getWidth(), AXIS_Y + 8);
    }
}
