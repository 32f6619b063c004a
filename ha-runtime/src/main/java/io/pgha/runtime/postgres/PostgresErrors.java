package io.pgha.runtime.postgres;

import io.pgha.runtime.PghaException;
import java.sql.SQLException;

/** The one translator from pgjdbc's errors into {@link PghaException}s that say what to check. */
public final class PostgresErrors {

    private PostgresErrors() {}

    /** The server answered and asked for (or refused) a password: it accepts connections. */
    static boolean isAuthenticationRefusal(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.startsWith("28") || "08004".equals(state);
    }

    /** A serialization failure or a deadlock: the transaction may simply be tried again on the same connection. */
    static boolean isSerializationFailure(SQLException e) {
        return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
    }

    public static PghaException translate(String where, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().strip().lines().findFirst().orElse("");
        if (state.startsWith("28")) {
            return new PghaException(
                    PghaException.Kind.UNAUTHORIZED,
                    "PostgreSQL at " + where + " refused the login (" + message
                            + "); check the user and password pgha was given",
                    e);
        }
        if (state.startsWith("08")) {
            return new PghaException(
                    PghaException.Kind.UNAVAILABLE,
                    "no PostgreSQL server answers at " + where + " (" + message + ")",
                    e);
        }
        if ("57014".equals(state)) {
            return new PghaException(
                    PghaException.Kind.TIMEOUT, "PostgreSQL at " + where + " did not answer in time", e);
        }
        if ("25006".equals(state)) {
            return new PghaException(
                    PghaException.Kind.CONFLICT, "PostgreSQL at " + where + " is read-only (" + message + ")", e);
        }
        return new PghaException(
                PghaException.Kind.UNAVAILABLE,
                "PostgreSQL at " + where + ": " + message + (state.isEmpty() ? "" : " [" + state + "]"),
                e);
    }
}
