package io.pgha.runtime.usecase;

import java.time.Instant;

/** One point of a history line: when, and the value then. */
public record HistoryPoint(Instant at, double value) {}
