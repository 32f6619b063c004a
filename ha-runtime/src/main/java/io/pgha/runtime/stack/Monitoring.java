package io.pgha.runtime.stack;

import io.pgha.runtime.PghaException;
import java.util.regex.Pattern;

/**
 * The stack's own Prometheus, which keeps the history the console's charts and `pgha status --metrics` read: it scrapes
 * the PostgreSQL exporters, HAProxy's /metrics and itself.
 *
 * @param prometheus whether the stack runs it
 * @param retention  how long it keeps samples, in Prometheus's duration syntax (e.g. 7d, 36h, 2w)
 */
public record Monitoring(boolean prometheus, String retention) {

    private static final Pattern DURATION = Pattern.compile("[1-9][0-9]{0,4}(h|d|w|y)");
    public static final Monitoring DEFAULTS = new Monitoring(true, "7d");

    public Monitoring {
        if (retention == null || !DURATION.matcher(retention).matches()) {
            throw PghaException.invalidInput(
                    "monitoring retention '" + retention + "' is not a duration: use e.g. 36h, 7d, 2w or 1y");
        }
    }

    public Monitoring withPrometheus(boolean on) {
        return new Monitoring(on, retention);
    }
}
