/**
 * Adjustments to JavaFX's toolkit where its public API offers none: the pulse timer that keeps running on GTK while
 * nothing animates (docs/BENCHMARKS.md, "Console"). Each falls back to JavaFX's own behaviour when the internals it
 * relies on are not there.
 */
package io.pgha.console.fx;
