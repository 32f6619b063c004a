package io.pgha.console.ui.workspace;

import io.pgha.console.ui.common.Tone;
import io.pgha.runtime.model.Source;
import io.pgha.runtime.model.SourceStatus;
import java.util.Locale;

/** Whether one of the monitor's sources answered, for the status bar. */
public record SourceState(String name, Tone tone, String reason) {

    /** Grey while a source has not answered yet or the cluster has none: red only for one that fails. */
    static SourceState of(SourceStatus s) {
        if (s.pending()) {
            return new SourceState(label(s.source()), Tone.UNKNOWN, "checking");
        }
        if (s.notConfigured()) {
            return new SourceState(label(s.source()), Tone.UNKNOWN, s.reason().orElse(SourceStatus.NOT_CONFIGURED));
        }
        return new SourceState(
                label(s.source()),
                s.available() ? Tone.OK : Tone.FAIL,
                s.available() ? "answering" : s.reason().orElse("not answering"));
    }

    static String label(Source source) {
        return switch (source) {
            case DCS -> "etcd";
            case PATRONI -> "Patroni";
            case ROUTER -> "HAProxy";
            case POSTGRES -> "PostgreSQL";
            case DOCKER -> "Docker";
            case EXPORTER -> "exporters";
            case SWARM -> "Swarm";
        };
    }

    @Override
    public String toString() {
        return name.toLowerCase(Locale.ROOT) + ": " + reason;
    }
}
