package io.pgha.console.service;

import io.pgha.runtime.cluster.ClusterRegistry;

/** Everything the console needs from the runtime, made once by the composition root. */
public record ConsoleServices(
        ClusterRegistry registry,
        ClusterSessions sessions,
        ClusterAttachment attachment,
        StackProvisioning provisioning,
        DockerCheck dockerCheck) {}
