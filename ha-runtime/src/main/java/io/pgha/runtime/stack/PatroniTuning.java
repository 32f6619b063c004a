package io.pgha.runtime.stack;

import io.pgha.runtime.PghaException;

/**
 * Patroni's failure-detection settings (its bootstrap DCS configuration), validated the way Patroni
 * validates them, so a spec Patroni would silently adjust or reject is refused here with the reason.
 * Defaults are the tuned timings of docs/decisions/0002.
 *
 * @param ttl                  seconds the leader key lives without renewal (Patroni's minimum is 20)
 * @param loopWait             seconds between HA loop runs (minimum 1)
 * @param retryTimeout         seconds DCS and PostgreSQL operations are retried (minimum 3)
 * @param synchronousMode      whether commits wait for synchronous standbys (quorum: Patroni 4's quorum commit)
 * @param synchronousNodeCount how many standbys a commit waits for when synchronous
 * @param maximumLagOnFailover bytes a replica may lag and still be promoted
 * @param primaryStartTimeout  seconds a failed primary may take to recover before failover
 */
public record PatroniTuning(
        int ttl,
        int loopWait,
        int retryTimeout,
        SynchronousMode synchronousMode,
        int synchronousNodeCount,
        long maximumLagOnFailover,
        int primaryStartTimeout) {

    /** The tuned defaults (docs/decisions/0002, 0010): quorum commit of one replica. */
    public static final PatroniTuning DEFAULTS = new PatroniTuning(20, 2, 5, SynchronousMode.QUORUM, 1, 1_048_576, 10);

    /** Patroni's and Spilo's own defaults, as the seed stack ran. */
    public static final PatroniTuning SEED = new PatroniTuning(30, 10, 10, SynchronousMode.OFF, 1, 33_554_432, 300);

    public PatroniTuning {
        if (ttl < 20) {
            throw PghaException.invalidInput("Patroni ttl " + ttl + " is below Patroni's minimum of 20 seconds");
        }
        if (loopWait < 1) {
            throw PghaException.invalidInput(
                    "Patroni loop_wait " + loopWait + " is below Patroni's minimum of 1 second");
        }
        if (retryTimeout < 3) {
            throw PghaException.invalidInput(
                    "Patroni retry_timeout " + retryTimeout + " is below Patroni's minimum of 3 seconds");
        }
        if (loopWait + 2 * retryTimeout > ttl) {
            throw PghaException.invalidInput(
                    "Patroni needs loop_wait + 2·retry_timeout <= ttl, but " + loopWait + " + 2·"
                            + retryTimeout + " = " + (loopWait + 2 * retryTimeout) + " > " + ttl
                            + ": raise ttl or lower loop_wait or retry_timeout");
        }
        java.util.Objects.requireNonNull(synchronousMode, "synchronousMode");
        if (synchronousNodeCount < 1) {
            throw PghaException.invalidInput(
                    "Patroni synchronous_node_count " + synchronousNodeCount + " must be at least 1");
        }
        if (maximumLagOnFailover < 0) {
            throw PghaException.invalidInput(
                    "Patroni maximum_lag_on_failover " + maximumLagOnFailover + " is negative");
        }
        if (primaryStartTimeout < 0) {
            throw PghaException.invalidInput("Patroni primary_start_timeout " + primaryStartTimeout + " is negative");
        }
    }
}
