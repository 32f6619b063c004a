/** A newcomer's first commands on a fresh clone and a fresh Docker engine, exactly as README.md gives them. */
package io.pgha.runtime.firstrun;
