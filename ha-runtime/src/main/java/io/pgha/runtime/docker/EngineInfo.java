package io.pgha.runtime.docker;

import io.pgha.runtime.Api;

/**
 * What the engine says about itself.
 *
 * @param serverVersion   e.g. 28.5.1
 * @param memoryBytes     memory available to containers
 * @param cpus            CPUs available to containers
 * @param rootDir         where the engine keeps images and volumes (on the engine's machine)
 * @param operatingSystem e.g. "Debian GNU/Linux 13 (trixie)" or "Docker Desktop"
 */
@Api
public record EngineInfo(String serverVersion, long memoryBytes, int cpus, String rootDir, String operatingSystem) {}
