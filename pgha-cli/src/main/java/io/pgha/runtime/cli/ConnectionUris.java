package io.pgha.runtime.cli;

import io.pgha.runtime.cluster.StackCredentials.Login;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How an application reaches a stack, in libpq's and JDBC's forms: with the cluster's CA, sslmode=verify-full (the
 * server's certificate and name are checked). The one place {@code pgha up} and {@code pgha credentials} take them
 * from.
 */
final class ConnectionUris {

    private ConnectionUris() {}

    /** libpq's URI with the password, as {@code pgha credentials} gives it. */
    static String uri(Login l, String host, int port, String database, Optional<String> ca) {
        return uri(enc(l.user()) + ":" + enc(l.password()), host, port, database, ca);
    }

    /** libpq's URI without a password: what {@code pgha up} shows (psql asks for it, or takes PGPASSWORD or .pgpass). */
    static String uriWithoutPassword(String user, String host, int port, String database, Optional<String> ca) {
        return uri(enc(user), host, port, database, ca);
    }

    static String jdbc(Login l, String host, int port, String database, Optional<String> ca) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?user=" + enc(l.user()) + "&password="
                + enc(l.password())
                + ca.map(f -> "&sslmode=verify-full&sslrootcert=" + enc(f)).orElse("");
    }

    private static String uri(String userInfo, String host, int port, String database, Optional<String> ca) {
        return "postgresql://" + userInfo + "@" + host + ":" + port + "/" + database
                + ca.map(f -> "?sslmode=verify-full&sslrootcert=" + enc(f)).orElse("");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
