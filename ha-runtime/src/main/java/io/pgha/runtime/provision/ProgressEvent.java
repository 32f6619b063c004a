package io.pgha.runtime.provision;

import java.time.Duration;

/**
 * One step of a long operation changing state, e.g. ("etcd", DONE, "3/3 members healthy", 1.2 s).
 * Messages never hold secrets.
 *
 * @param step    a stable identifier of the step (docker, images, preflight, network, etcd, …)
 * @param title   what the step does, for people
 * @param status  where the step is
 * @param message detail: what was found or done, or what to do on failure
 * @param elapsed time since the step started
 */
public record ProgressEvent(String step, String title, Status status, String message, Duration elapsed) {

    public enum Status {
        STARTED,
        PROGRESS,
        DONE,
        SKIPPED,
        FAILED
    }
}
