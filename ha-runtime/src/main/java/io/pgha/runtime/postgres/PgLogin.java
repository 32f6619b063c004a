package io.pgha.runtime.postgres;

import java.util.Objects;

/**
 * A PostgreSQL login for pgha's probes; the password is a secret and never printed.
 *
 * @param rootCert the cluster CA's certificate (PEM file): with it the server is verified (sslmode=verify-full)
 */
public record PgLogin(String user, String password, String database, java.util.Optional<String> rootCert) {

    public PgLogin {
        Objects.requireNonNull(user, "user");
        password = password == null ? "" : password;
        database = database == null || database.isBlank() ? "postgres" : database;
        rootCert = rootCert == null ? java.util.Optional.empty() : rootCert;
    }

    public PgLogin(String user, String password, String database) {
        this(user, password, database, java.util.Optional.empty());
    }

    public PgLogin withRootCert(java.util.Optional<String> file) {
        return new PgLogin(user, password, database, file);
    }

    @Override
    public String toString() {
        return "PgLogin[user=" + user + ", password=***, database=" + database + "]";
    }
}
