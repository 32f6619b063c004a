package io.pgha.runtime.ops;

import io.pgha.runtime.model.ClusterEvent;
import io.pgha.runtime.ops.OperationResult.Outcome;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One operation in the audit journal: when, who (the OS user), what on which target with which parameters
 * (no secrets), how it ended and how long it took.
 */
public record AuditEntry(
        Instant at,
        String user,
        String cluster,
        String operation,
        String target,
        Map<String, String> parameters,
        Outcome outcome,
        String message,
        List<String> notes,
        long tookMillis) {

    public AuditEntry {
        parameters = Map.copyOf(parameters);
        notes = List.copyOf(notes);
    }

    static AuditEntry of(String cluster, String user, OperationResult r) {
        return new AuditEntry(
                r.startedAt(),
                user,
                cluster,
                r.operation(),
                r.target(),
                r.parameters(),
                r.outcome(),
                r.message(),
                r.notes(),
                r.took().toMillis());
    }

    /**
     * The entry as an event of kind OPERATION, for the console's timeline and pgha watch. It is dated when the
     * operation ended (its start is in the details): the events it caused happened before that, and a timeline
     * sorted by time must list the outcome after them.
     */
    public ClusterEvent toEvent() {
        ClusterEvent.Severity severity = switch (outcome) {
            case SUCCEEDED, SCHEDULED, NOTHING_TO_DO -> ClusterEvent.Severity.INFO;
            case REFUSED -> ClusterEvent.Severity.WARNING;
            case FAILED, TIMED_OUT -> ClusterEvent.Severity.CRITICAL;
        };
        Map<String, String> details = new LinkedHashMap<>(parameters);
        details.put("operation", operation);
        details.put("outcome", outcome.name());
        details.put("user", user);
        details.put("tookMs", Long.toString(tookMillis));
        details.put("startedAt", at.toString());
        return new ClusterEvent(
                at.plusMillis(tookMillis),
                ClusterEvent.Kind.OPERATION,
                severity,
                target,
                operation + " " + target + " by " + user + ": "
                        + outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ", " + message,
                details);
    }

    /** Parameter names whose values are kept out of the journal. */
    static boolean looksSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password")
                || k.contains("secret")
                || k.contains("token")
                || k.endsWith("key_file")
                || k.contains("passphrase");
    }
}
