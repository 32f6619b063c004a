package io.pgha.console.service;

/**
 * Operations on one cluster (ha-runtime's {@code ops}). The console calls it off the FX thread.
 */
public interface ClusterActions {

    /**
     * Checks the preconditions, performs the action and waits until later snapshots confirm the outcome.
     *
     * @throws io.pgha.runtime.PghaException REFUSED with the reason when a precondition does not hold,
     *                                       TIMEOUT when the outcome was not seen in time, or another kind
     */
    ActionOutcome perform(ClusterAction action);
}
