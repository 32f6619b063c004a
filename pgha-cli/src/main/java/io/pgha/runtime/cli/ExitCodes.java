package io.pgha.runtime.cli;

import io.pgha.runtime.PghaException;

/** Exit codes of the CLI, one per failure kind, so scripts can react without parsing text. */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int REFUSED = 3;
    public static final int UNAVAILABLE = 4;
    public static final int TIMEOUT = 5;
    public static final int UNAUTHORIZED = 6;
    public static final int NOT_FOUND = 7;
    public static final int CONFLICT = 8;
    public static final int SOFTWARE = 70;

    private ExitCodes() {}

    public static int of(PghaException.Kind kind) {
        return switch (kind) {
            case INVALID_INPUT -> USAGE;
            case REFUSED -> REFUSED;
            case UNAVAILABLE -> UNAVAILABLE;
            case TIMEOUT -> TIMEOUT;
            case UNAUTHORIZED -> UNAUTHORIZED;
            case NOT_FOUND -> NOT_FOUND;
            case CONFLICT -> CONFLICT;
        };
    }
}
