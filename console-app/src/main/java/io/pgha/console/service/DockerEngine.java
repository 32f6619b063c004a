package io.pgha.console.service;

/** The local Docker engine, as far as the start screen needs it. */
public interface DockerEngine {

    /** Pings the engine; may block for a few seconds, so it is called off the FX thread. Never throws. */
    DockerStatus status();
}
