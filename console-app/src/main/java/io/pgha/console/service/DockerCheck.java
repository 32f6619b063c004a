package io.pgha.console.service;

/** Whether the local Docker engine can be used, as the start screen checks it. */
public interface DockerCheck {

    /** Pings the engine; may block for a few seconds, so it is called off the FX thread. Never throws. */
    DockerStatus status();
}
