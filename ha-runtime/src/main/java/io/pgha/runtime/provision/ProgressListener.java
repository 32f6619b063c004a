package io.pgha.runtime.provision;

/** Receives the progress of {@code up} and {@code down}; called from the provisioning thread, one event at a time. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = e -> {};

    void on(ProgressEvent event);
}
