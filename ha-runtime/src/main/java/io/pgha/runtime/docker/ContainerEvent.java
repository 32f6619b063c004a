package io.pgha.runtime.docker;

import java.time.Instant;

/** A Docker engine event about a container: die, start, restart, kill, oom, stop, health_status: healthy, … */
public record ContainerEvent(String container, String action, Instant at) {}
