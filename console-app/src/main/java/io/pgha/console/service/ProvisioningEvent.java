package io.pgha.console.service;

import java.time.Instant;

/** Progress of a provisioning run, in the order it happens. */
public sealed interface ProvisioningEvent {

    Instant at();

    /** @param step a stable id of the step, e.g. "network", "etcd", "postgres", "router", "writable" */
    record StepStarted(Instant at, String step, String title) implements ProvisioningEvent {}

    record StepFinished(Instant at, String step, boolean ok, String detail) implements ProvisioningEvent {}

    /** A line of output (container log, engine message) belonging to a step. */
    record Log(Instant at, String step, String line) implements ProvisioningEvent {}

    /** The cluster is up and saved in the registry under this name. */
    record Done(Instant at, String clusterName) implements ProvisioningEvent {}

    /** Provisioning stopped; what was created has been removed. */
    record Failed(Instant at, String message) implements ProvisioningEvent {}

    /** The user cancelled; what was created has been removed. */
    record Cancelled(Instant at) implements ProvisioningEvent {}
}
