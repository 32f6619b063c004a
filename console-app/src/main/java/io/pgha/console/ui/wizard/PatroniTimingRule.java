package io.pgha.console.ui.wizard;

import java.util.Optional;

/**
 * Patroni's own constraints on its failure-detection settings, checked as the user types so the wizard
 * never submits a spec Patroni would silently adjust (it raises ttl below 20 and rejects the rest).
 */
final class PatroniTimingRule {

    static final int MIN_TTL = 20;
    static final int MIN_LOOP_WAIT = 1;
    static final int MIN_RETRY_TIMEOUT = 3;

    private PatroniTimingRule() {
    }

    static Optional<String> problem(int ttl, int loopWait, int retryTimeout) {
        if (ttl < MIN_TTL) {
            return Optional.of("ttl must be at least " + MIN_TTL + " s (Patroni's minimum)");
        }
        if (loopWait < MIN_LOOP_WAIT) {
            return Optional.of("loop_wait must be at least " + MIN_LOOP_WAIT + " s");
        }
        if (retryTimeout < MIN_RETRY_TIMEOUT) {
            return Optional.of("retry_timeout must be at least " + MIN_RETRY_TIMEOUT + " s");
        }
        int needed = loopWait + 2 * retryTimeout;
        if (needed > ttl) {
            return Optional.of("loop_wait + 2·retry_timeout = " + needed + " s exceeds ttl " + ttl
                    + " s: raise ttl or lower loop_wait or retry_timeout");
        }
        return Optional.empty();
    }
}
