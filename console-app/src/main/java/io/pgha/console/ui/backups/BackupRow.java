package io.pgha.console.ui.backups;

import io.pgha.console.ui.common.Tone;

/**
 * One backup in the table.
 *
 * @param label   pgBackRest's id of it, as {@code pgha restore --backup} takes it
 * @param type    full, diff or incr
 * @param size    the database's size it covers
 * @param stored  what it takes in the repository (compressed; changed files only for diff and incr)
 * @param basedOn the backup a diff or incr builds on, "" for a full
 * @param tone    FAIL when pgBackRest found page checksum errors in it
 */
public record BackupRow(
        String label,
        String type,
        String start,
        String stop,
        String size,
        String stored,
        String basedOn,
        String member,
        Tone tone) {}
