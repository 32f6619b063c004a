/**
 * The console's ports: what its view models need from ha-runtime, as small interfaces with records for
 * their inputs and outputs. {@code io.pgha.console.wiring} implements them over the runtime. They live
 * here rather than in each screen's package because several screens share them (actions, sessions) and
 * because one place makes the seams between the console and the runtime easy to find.
 */
package io.pgha.console.service;
