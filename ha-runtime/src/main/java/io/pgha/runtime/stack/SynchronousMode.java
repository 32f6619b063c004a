package io.pgha.runtime.stack;

import io.pgha.runtime.PghaException;
import java.util.Locale;

/** Patroni's synchronous_mode: off, on (one synchronous standby), or quorum commit (Patroni 4). */
public enum SynchronousMode {
    OFF,
    ON,
    QUORUM;

    /** The value Patroni's configuration takes. */
    public String patroniValue() {
        return switch (this) {
            case OFF -> "false";
            case ON -> "true";
            case QUORUM -> "quorum";
        };
    }

    public static SynchronousMode parse(String text) {
        return switch (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) {
            case "off", "false", "no" -> OFF;
            case "on", "true", "yes" -> ON;
            case "quorum" -> QUORUM;
            default ->
                throw PghaException.invalidInput("synchronous_mode must be off, on or quorum, not '" + text + "'");
        };
    }
}
