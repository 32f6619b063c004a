package io.pgha.console.service;

import java.time.Instant;
import java.util.Optional;

/** One line of a container's output. */
public record LogLine(Optional<Instant> at, boolean stderr, String text) {}
