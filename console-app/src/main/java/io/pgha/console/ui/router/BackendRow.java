package io.pgha.console.ui.router;

import io.pgha.console.ui.common.Tone;
import io.pgha.runtime.model.RouterBackend;
import java.util.Comparator;

/** One HAProxy server on one listener, as the router table shows it. */
public record BackendRow(String listener, String server, String status, Tone tone, String check, String checkLatency,
                         long sessions) {

    static final Comparator<BackendRow> BY_LISTENER = Comparator.comparing(BackendRow::listener).thenComparing(BackendRow::server);

    static BackendRow of(RouterBackend b, String listenerLabel) {
        Tone tone = switch (b.status()) {
            case UP -> Tone.OK;
            case DOWN -> Tone.FAIL;
            case MAINT, DRAIN, NOLB -> Tone.WARN;
            case UNKNOWN -> Tone.UNKNOWN;
        };
        String latency = b.checkLatencyMs().isPresent() ? b.checkLatencyMs().getAsLong() + " ms" : "";
        return new BackendRow(listenerLabel, b.server(), b.status().name(), tone, b.checkStatus(), latency, b.currentSessions());
    }
}
