/**
 * The adapter for the backup tool, pgBackRest (docs/decisions/0021): it runs pgBackRest (and psql for the archiver's
 * statistics) in a PostgreSQL node's container as the postgres user, reads {@code pgbackrest info --output=json} in one
 * place ({@link io.pgha.runtime.backup.PgBackRestInfo}) and translates pgBackRest's failures into
 * {@link io.pgha.runtime.PghaException}s in one place ({@link io.pgha.runtime.backup.BackupErrors}). Which node to run
 * on is the use case's business (io.pgha.runtime.usecase.StackBackups).
 */
package io.pgha.runtime.backup;
