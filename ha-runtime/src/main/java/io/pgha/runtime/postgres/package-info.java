/**
 * The PostgreSQL adapter, the only package that uses JDBC (pgjdbc): role and replication probes, the write and read
 * probes through the router, and the writers and readers of a drill. May depend on {@code cluster} (logins) only.
 */
package io.pgha.runtime.postgres;
