package io.pgha.console.service;

import java.time.Duration;

/**
 * What an operation achieved, as confirmed by later snapshots.
 *
 * @param summary one sentence for the user, e.g. "pg-1 is the primary now (timeline 4)"
 * @param took    from the request until the outcome was confirmed
 */
public record ActionOutcome(String summary, Duration took) {}
