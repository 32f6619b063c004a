package io.pgha.runtime.postgres;

import java.util.Objects;

/** A PostgreSQL login for pgha's probes; the password is a secret and never printed. */
public record PgLogin(String user, String password, String database) {

    public PgLogin {
        Objects.requireNonNull(user, "user");
        password = password == null ? "" : password;
        database = database == null || database.isBlank() ? "postgres" : database;
    }

    @Override
    public String toString() {
        return "PgLogin[user=" + user + ", password=***, database=" + database + "]";
    }
}
