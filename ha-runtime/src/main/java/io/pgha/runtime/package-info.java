/**
 * ha-runtime's root: {@link io.pgha.runtime.PghaException}, the one unchecked exception with a kind that every adapter
 * translates its library's errors into (with a message that says what to do), and the build's {@link io.pgha.runtime.Version}.
 * Depends on nothing but the JDK; every package may depend on it.
 */
@Api
package io.pgha.runtime;
