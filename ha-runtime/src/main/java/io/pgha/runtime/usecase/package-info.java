/**
 * The user-level actions and checks, each written once, that both front ends (the CLI's commands and the console's view
 * models) call and only translate: which clusters are known and in what state, where a drill aims and whether it may run.
 * May depend on every adapter and on {@code model}, {@code cluster}, {@code monitor} and {@code ops}; nothing below
 * depends on it.
 */
@Api
package io.pgha.runtime.usecase;

import io.pgha.runtime.Api;
