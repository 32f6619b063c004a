package io.pgha.console.ui.events;

import io.pgha.console.ui.common.Formats;
import io.pgha.console.ui.common.Tone;
import io.pgha.runtime.model.ClusterEvent;
import java.util.Locale;

/** One event as the timeline and the events strip show it. */
public record EventRow(ClusterEvent event, String time, String kind, Tone tone) {

    public static EventRow of(ClusterEvent e) {
        return new EventRow(e, Formats.clock(e.at()), kindLabel(e.kind()), tone(e.severity()));
    }

    public String subject() {
        return event.subject();
    }

    public String message() {
        return event.message();
    }

    /** LEADER_CHANGED becomes "leader changed". */
    public static String kindLabel(ClusterEvent.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static Tone tone(ClusterEvent.Severity severity) {
        return switch (severity) {
            case INFO -> Tone.OK;
            case WARNING -> Tone.WARN;
            case CRITICAL -> Tone.FAIL;
        };
    }
}
