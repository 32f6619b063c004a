package io.pgha.runtime.stack;

import java.util.Objects;

/**
 * What pgha adds to a plain Patroni stack to fail over fast (docs/decisions/0002, 0009, 0010, 0013).
 *
 * @param supervisor        run `pgha supervise` beside the router (fencing, instant routing)
 * @param shortDnsTimeouts  resolver timeout 1 s, one attempt, so a cut-off node demotes within retry_timeout
 * @param routerChecks      HAProxy's check timing
 * @param fastHandover      Patroni follows a new leader as soon as it holds the key instead of after fixed sleeps
 *                          (PGHA_FAST_HANDOVER in pgha's images), and HAProxy retries a failed connect on
 *                          another server after 300 ms instead of failing it after 1 s
 */
public record FastPaths(boolean supervisor, boolean shortDnsTimeouts, RouterChecks routerChecks, boolean fastHandover) {

    public static final FastPaths DEFAULTS = new FastPaths(true, true, RouterChecks.FAST, true);

    /** The seed stack: none of them. */
    public static final FastPaths NONE = new FastPaths(false, false, RouterChecks.SEED, false);

    public FastPaths {
        Objects.requireNonNull(routerChecks, "routerChecks");
    }

    public FastPaths withSupervisor(boolean on) {
        return new FastPaths(on, shortDnsTimeouts, routerChecks, fastHandover);
    }
}
