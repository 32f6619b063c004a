/**
 * The one JSON (and YAML) mapper configuration of the runtime: Java time and Optional values, ISO-8601 text for instants
 * and durations, unknown properties ignored on reading (files written by other versions of pgha). Made on first use, so a
 * CLI command that prints no JSON never pays for Jackson's start-up. Depends on Jackson only.
 */
package io.pgha.runtime.json;
