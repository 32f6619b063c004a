package io.pgha.runtime.model;

import java.time.Instant;
import java.util.Optional;

/** A switchover waiting in the DCS failover key. */
public record ScheduledSwitchover(Optional<Instant> at, Optional<String> from, Optional<String> to) {}
