package io.pgha.console.ui.backups;

/**
 * A kind of backup "Back up now" offers.
 *
 * @param id          pgBackRest's word for it (full, diff, incr), as {@code pgha backup now --type} takes it
 * @param name        how the menu says it
 * @param description what it copies
 */
public record BackupChoice(String id, String name, String description) {

    @Override
    public String toString() {
        return name;
    }
}
