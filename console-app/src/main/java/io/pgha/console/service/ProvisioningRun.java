package io.pgha.console.service;

/** A provisioning run in progress. */
public interface ProvisioningRun {

    /**
     * Stops the run, or after it failed, removes what it created: only what this run created, never a stack, volumes
     * or credentials that were there before. A {@link ProvisioningEvent.Cancelled} follows.
     */
    void cancel();
}
