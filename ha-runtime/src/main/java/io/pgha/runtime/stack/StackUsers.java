package io.pgha.runtime.stack;

import io.pgha.runtime.PghaException;
import java.util.regex.Pattern;

/** The PostgreSQL role names a stack creates; their passwords are generated per cluster, never part of a spec. */
public record StackUsers(String superuser, String replication, String admin) {

    private static final Pattern ROLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    public static final StackUsers DEFAULTS = new StackUsers("postgres", "standby", "admin");

    public StackUsers {
        check("superuser", superuser);
        check("replication", replication);
        check("admin", admin);
        if (superuser.equals(replication) || superuser.equals(admin) || replication.equals(admin)) {
            throw PghaException.invalidInput("the superuser, replication and admin roles must have different names");
        }
    }

    private static void check(String what, String name) {
        if (name == null || !ROLE.matcher(name).matches()) {
            throw PghaException.invalidInput("invalid " + what + " role name '" + name
                    + "': use 1-63 lower-case letters, digits and '_', not starting with a digit");
        }
    }
}
