package io.pgha.runtime.cli;

import io.pgha.runtime.PghaException;
import java.io.PrintWriter;

/**
 * The confirmation of an action that deletes data: the person types the stack's name; without a terminal to ask on it
 * is refused, and the message says to add --yes.
 */
final class TypedConfirmation {

    private TypedConfirmation() {}

    /** Returns when confirmed; otherwise throws, nothing having been changed. */
    static void require(PrintWriter err, String what, String name) {
        if (!DownCommand.interactive()) {
            throw PghaException.refused(what + "\nIt needs a confirmation and there is no terminal to ask on;"
                    + " nothing was changed. Add --yes to confirm it");
        }
        err.print(what + "\nType the stack name to confirm: ");
        err.flush();
        String answer = System.console().readLine();
        if (answer == null || !answer.strip().equals(name)) {
            throw PghaException.refused("not confirmed; nothing was changed");
        }
    }
}
