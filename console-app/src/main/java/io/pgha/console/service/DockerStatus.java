package io.pgha.console.service;

/**
 * Whether the local Docker engine can be used to create clusters.
 *
 * @param detail   the engine version when reachable, else what went wrong
 * @param howToFix what the user should do when it is not reachable
 */
public record DockerStatus(boolean reachable, String detail, String howToFix) {}
