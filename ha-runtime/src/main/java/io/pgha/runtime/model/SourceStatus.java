package io.pgha.runtime.model;

import java.time.Instant;
import java.util.Optional;

/** Whether a source answered for the snapshot, and why not. */
public record SourceStatus(Source source, boolean available, Optional<String> reason, Instant updatedAt) {

    /** The reason of a source that has not reported since the monitor started. */
    public static final String FIRST_ANSWER_PENDING = "waiting for the first answer";
    /** How the reason of a source the cluster does not have begins. */
    public static final String NOT_CONFIGURED = "not configured";

    /** Not answered yet since the monitor started: neither up nor down. */
    public boolean pending() {
        return !available && reason.filter(FIRST_ANSWER_PENDING::equals).isPresent();
    }

    /** The cluster has no such source (no router endpoints, no local containers). */
    public boolean notConfigured() {
        return !available && reason.filter(r -> r.startsWith(NOT_CONFIGURED)).isPresent();
    }
}
