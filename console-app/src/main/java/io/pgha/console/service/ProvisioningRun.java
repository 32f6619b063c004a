package io.pgha.console.service;

/** A provisioning run in progress. */
public interface ProvisioningRun {

    /** Stops the run and removes what it created; a {@link ProvisioningEvent.Cancelled} follows. */
    void cancel();
}
