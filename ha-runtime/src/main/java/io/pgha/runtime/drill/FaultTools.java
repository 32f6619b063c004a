package io.pgha.runtime.drill;

import io.pgha.runtime.docker.DockerFaults;

/** What a fault is injected with: the engine, the stack's names, its Patroni, and the watcher's samples. */
record FaultTools(DockerFaults docker, DrillTarget target, DrillPatroni patroni, RoleSamples samples) {}
