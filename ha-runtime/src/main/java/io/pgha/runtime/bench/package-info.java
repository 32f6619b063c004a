/**
 * Benchmarks run by hand against a running cluster (docs/BENCHMARKS.md), not part of the runtime. May depend on any
 * package; nothing depends on it.
 */
package io.pgha.runtime.bench;
