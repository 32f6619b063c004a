package io.pgha.console.ui.health;

import io.pgha.console.ui.common.Formats;
import io.pgha.console.ui.common.Tone;
import io.pgha.runtime.model.HealthCheck;
import java.util.Comparator;
import java.util.Locale;

/** One health check as the health table shows it. */
public record HealthRow(HealthCheck check, String kind, Tone tone, String latency, String checkedAt) {

    /** Failing first, then warnings, unknown, passing; then by kind and target. */
    public static final Comparator<HealthRow> FAILING_FIRST = Comparator.comparingInt(
                    (HealthRow r) -> -r.tone().severity())
            .thenComparing(HealthRow::kind)
            .thenComparing(HealthRow::target);

    public static HealthRow of(HealthCheck c) {
        return new HealthRow(
                c,
                c.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                Tone.of(c.status()),
                Formats.duration(c.latency()),
                Formats.clock(c.checkedAt()));
    }

    public String target() {
        return check.target();
    }

    public String status() {
        return check.status().name().toLowerCase(Locale.ROOT);
    }

    public String detail() {
        return check.detail();
    }

    boolean matches(String text) {
        String needle = text.toLowerCase(Locale.ROOT);
        return kind.contains(needle)
                || target().toLowerCase(Locale.ROOT).contains(needle)
                || detail().toLowerCase(Locale.ROOT).contains(needle);
    }
}
