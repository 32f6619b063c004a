package io.pgha.runtime;

import java.util.Objects;

/**
 * The one unchecked exception of ha-runtime. Adapters translate their library's errors into it;
 * the message always tells the user what happened and what to do.
 */
public class PghaException extends RuntimeException {

    /** What kind of failure this is, so callers can react without parsing messages. */
    public enum Kind {
        NOT_FOUND,
        CONFLICT,
        UNAVAILABLE,
        UNAUTHORIZED,
        INVALID_INPUT,
        TIMEOUT,
        REFUSED
    }

    private final Kind kind;

    public PghaException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind);
    }

    public PghaException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind);
    }

    public Kind kind() {
        return kind;
    }

    public static PghaException notFound(String message) {
        return new PghaException(Kind.NOT_FOUND, message);
    }

    public static PghaException conflict(String message) {
        return new PghaException(Kind.CONFLICT, message);
    }

    public static PghaException unavailable(String message) {
        return new PghaException(Kind.UNAVAILABLE, message);
    }

    public static PghaException unavailable(String message, Throwable cause) {
        return new PghaException(Kind.UNAVAILABLE, message, cause);
    }

    public static PghaException unauthorized(String message) {
        return new PghaException(Kind.UNAUTHORIZED, message);
    }

    public static PghaException invalidInput(String message) {
        return new PghaException(Kind.INVALID_INPUT, message);
    }

    public static PghaException timeout(String message) {
        return new PghaException(Kind.TIMEOUT, message);
    }

    public static PghaException refused(String message) {
        return new PghaException(Kind.REFUSED, message);
    }
}
