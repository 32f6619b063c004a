package io.pgha.runtime.monitor;

import io.pgha.runtime.model.Source;
import io.pgha.runtime.model.SourceStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * The latest thing one source reported: the value of its last round (which may hold per-target errors)
 * and whether the source is available now, and why not.
 *
 * @param answered   whether the source has reported at all since the monitor started
 * @param configured whether the cluster has this source at all (no router endpoints: no router source)
 */
record Reading<T>(
        Source source,
        Optional<T> value,
        boolean available,
        Optional<String> reason,
        Instant updatedAt,
        boolean answered,
        boolean configured) {

    static <T> Reading<T> pending(Source source, Instant now) {
        return new Reading<>(
                source, Optional.empty(), false, Optional.of(SourceStatus.FIRST_ANSWER_PENDING), now, false, true);
    }

    static <T> Reading<T> notConfigured(Source source, String why, Instant now) {
        return new Reading<>(
                source,
                Optional.empty(),
                false,
                Optional.of(SourceStatus.NOT_CONFIGURED + ": " + why),
                now,
                true,
                false);
    }

    static <T> Reading<T> ok(Source source, T value, Instant now) {
        return new Reading<>(source, Optional.of(value), true, Optional.empty(), now, true, true);
    }

    /** Answered, but with a problem; the value (if any) still holds what did answer. */
    static <T> Reading<T> degraded(Source source, Optional<T> value, boolean available, String reason, Instant now) {
        return new Reading<>(source, value, available, Optional.of(reason), now, true, true);
    }

    /** The poller has not reported for too long: what it last said is no longer shown. */
    Reading<T> stale(String why) {
        return new Reading<>(source, Optional.empty(), false, Optional.of(why), updatedAt, answered, configured);
    }

    /** The value only when the source is available now. */
    Optional<T> current() {
        return available ? value : Optional.empty();
    }

    SourceStatus status() {
        return new SourceStatus(source, available, reason, updatedAt);
    }
}
