package io.pgha.runtime.backup;

import io.pgha.runtime.Api;
import io.pgha.runtime.PghaException;
import java.util.Locale;

/** pgBackRest's kinds of backup: a full copy, or the files changed since the last full (diff) or any backup (incr). */
@Api
public enum BackupType {
    FULL,
    DIFF,
    INCR;

    /** pgBackRest's word for it, as in --type and in info's JSON. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BackupType parse(String text) {
        for (BackupType t : values()) {
            if (t.id().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return t;
            }
        }
        throw PghaException.invalidInput("backup type '" + text + "' is not one of full, diff, incr");
    }
}
