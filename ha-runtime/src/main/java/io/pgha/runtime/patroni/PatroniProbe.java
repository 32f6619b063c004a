package io.pgha.runtime.patroni;

import java.time.Duration;

/**
 * The answer of one of Patroni's check endpoints (/health, /liveness, /readiness, /primary, /replica):
 * the status code is the answer (200 yes, 503 no).
 */
public record PatroniProbe(String endpoint, int statusCode, Duration latency) {

    public boolean ok() {
        return statusCode == 200;
    }
}
