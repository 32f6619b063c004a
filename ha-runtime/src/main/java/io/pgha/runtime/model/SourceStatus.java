package io.pgha.runtime.model;

import java.time.Instant;
import java.util.Optional;

/** Whether a source answered for the snapshot, and why not. */
public record SourceStatus(Source source, boolean available, Optional<String> reason, Instant updatedAt) {
}
