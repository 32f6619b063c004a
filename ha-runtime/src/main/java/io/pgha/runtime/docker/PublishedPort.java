package io.pgha.runtime.docker;

/** A container port published on a host address. */
public record PublishedPort(String hostIp, int hostPort, int containerPort) {}
