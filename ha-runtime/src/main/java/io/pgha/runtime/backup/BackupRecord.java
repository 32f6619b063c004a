package io.pgha.runtime.backup;

import io.pgha.runtime.Api;
import java.time.Instant;
import java.util.Optional;

/**
 * One backup in the repository, as pgBackRest's info tells it.
 *
 * @param label          pgBackRest's id of the backup, e.g. 20260101-120000F or 20260101-120000F_20260101-130000I
 * @param type           full, diff or incr
 * @param start          when it started
 * @param stop           when it ended
 * @param size           the database's size it covers, in bytes
 * @param repositorySize what it takes in the repository (compressed, changed files only for diff/incr), in bytes
 * @param walStart       the first WAL segment a restore of it needs
 * @param walStop        the last WAL segment a restore of it needs (consistent from there)
 * @param member         the Patroni member it ran on (pgha's annotation), when known
 * @param prior          the backup it is based on (diff/incr)
 * @param error          whether pgBackRest found page checksum errors in it
 */
@Api
public record BackupRecord(
        String label,
        BackupType type,
        Instant start,
        Instant stop,
        long size,
        long repositorySize,
        String walStart,
        String walStop,
        Optional<String> member,
        Optional<String> prior,
        boolean error) {}
