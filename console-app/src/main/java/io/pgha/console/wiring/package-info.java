/**
 * The composition root: implements the console's ports ({@code io.pgha.console.service}) over ha-runtime.
 * Where a runtime piece is not there yet, a stand-in says so in the user's words; each is named in
 * {@link io.pgha.console.wiring.RuntimeConsoleServices} so replacing it is one line.
 */
package io.pgha.console.wiring;
