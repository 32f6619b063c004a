/**
 * Benchmarks run by hand against a running cluster (docs/BENCHMARKS.md), not part of the runtime: they ship in pgha-cli's
 * jar, beside the {@code pgha status} they time, so scripts/bench-observation.sh runs them with the CLI's class path. May
 * depend on any package; nothing depends on it.
 */
package io.pgha.runtime.bench;
