package io.pgha.console.ui.router;

import io.pgha.console.ui.common.RouterWords;
import io.pgha.console.ui.common.Tone;
import io.pgha.runtime.model.RouterBackend;
import java.util.Comparator;

/** One HAProxy server on one listener, as the router table shows it. */
public record BackendRow(
        String listener, String server, String status, Tone tone, String check, String checkLatency, long sessions) {

    static final Comparator<BackendRow> BY_LISTENER =
            Comparator.comparing(BackendRow::listener).thenComparing(BackendRow::server);

    /**
     * @param standby whether the server is down on this listener by design: a replica on the write listener,
     *                the primary on the read listener (HAProxy's checks of /primary and /replica say so)
     */
    static BackendRow of(RouterBackend b, String listenerLabel, boolean standby) {
        Tone tone = switch (b.status()) {
            case UP -> Tone.OK;
            case DOWN -> standby ? Tone.UNKNOWN : Tone.FAIL;
            case MAINT, DRAIN, NOLB -> Tone.WARN;
            case UNKNOWN -> Tone.UNKNOWN;
        };
        String latency = b.checkLatencyMs().isPresent() ? b.checkLatencyMs().getAsLong() + " ms" : "";
        String status = standby && b.status() == RouterBackend.Status.DOWN
                ? "DOWN (standby)"
                : b.status().name();
        return new BackendRow(
                listenerLabel,
                b.server(),
                status,
                tone,
                RouterWords.check(b.checkStatus()),
                latency,
                b.currentSessions());
    }
}
