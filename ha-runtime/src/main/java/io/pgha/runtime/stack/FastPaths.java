package io.pgha.runtime.stack;

import java.util.Objects;

/**
 * What pgha adds to a plain Patroni stack to fail over fast (docs/decisions/0002, 0009, 0010).
 *
 * @param supervisor        run `pgha supervise` beside the router (fencing, instant routing)
 * @param shortDnsTimeouts  resolver timeout 1 s, one attempt, so a cut-off node demotes within retry_timeout
 * @param routerChecks      HAProxy's check timing
 */
public record FastPaths(boolean supervisor, boolean shortDnsTimeouts, RouterChecks routerChecks) {

    public static final FastPaths DEFAULTS = new FastPaths(true, true, RouterChecks.FAST);

    /** The seed stack: none of them. */
    public static final FastPaths NONE = new FastPaths(false, false, RouterChecks.SEED);

    public FastPaths {
        Objects.requireNonNull(routerChecks, "routerChecks");
    }
}
