package io.pgha.runtime.docker;

/** The outcome of a command run in a container. */
public record ExecResult(int exitCode, String output) {
}
