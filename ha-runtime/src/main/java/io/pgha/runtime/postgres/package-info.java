/**
 * The PostgreSQL adapter, the only package that uses JDBC (pgjdbc): role and replication probes, the write and read
 * probes through the router, and the writers and readers of a drill. Of these, the front ends use only the primary's
 * counters ({@link io.pgha.runtime.Api}). May depend on {@code cluster} (logins) only.
 */
package io.pgha.runtime.postgres;
