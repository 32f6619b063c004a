/**
 * The console's day-two changes of a stack pgha made: "Add replica", "Remove node…", "Upgrade…" and "Replace node…"
 * through ha-runtime's plan/converge engine (what {@code pgha scale}, {@code upgrade} and {@code replace} run): the
 * plan with each step's cost, a confirmation (typed when a data volume goes), then the steps' progress while the
 * topology draws the member being changed (docs/decisions/0040).
 */
package io.pgha.console.ui.changes;
