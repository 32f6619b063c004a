package io.pgha.runtime.cli;

import io.pgha.runtime.cluster.StackCredentials.Login;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

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

    /**
     * libpq's keyword/value string over several routers (docs/decisions/0030): every router's port on {@code host}, and
     * {@code target_session_attrs=read-write} for writes or {@code prefer-standby} for reads, so libpq tries the next
     * router when one is dead or answers from the wrong role.
     */
    static String conninfo(
            Login l, String host, List<Integer> ports, String database, Optional<String> ca, boolean write) {
        StringBuilder b = new StringBuilder()
                .append("host=")
                .append(ports.stream().map(p -> host).collect(Collectors.joining(",")))
                .append(" port=")
                .append(ports.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .append(" dbname=")
                .append(quoted(database))
                .append(" user=")
                .append(quoted(l.user()))
                .append(" password=")
                .append(quoted(l.password()))
                .append(" target_session_attrs=")
                .append(write ? "read-write" : "prefer-standby");
        ca.ifPresent(f -> b.append(" sslmode=verify-full sslrootcert=").append(quoted(f)));
        return b.toString();
    }

    /**
     * pgjdbc's URL over several routers: {@code targetServerType=primary} for writes, {@code preferSecondary} for reads
     * (docs/decisions/0030).
     */
    static String jdbc(Login l, String host, List<Integer> ports, String database, Optional<String> ca, boolean write) {
        return "jdbc:postgresql://" + ports.stream().map(p -> host + ":" + p).collect(Collectors.joining(",")) + "/"
                + database + "?targetServerType=" + (write ? "primary" : "preferSecondary") + "&user=" + enc(l.user())
                + "&password=" + enc(l.password())
                + ca.map(f -> "&sslmode=verify-full&sslrootcert=" + enc(f)).orElse("");
    }

    /** A libpq keyword value, single-quoted when it is empty or holds a space, a quote or a backslash. */
    static String quoted(String value) {
        if (!value.isEmpty() && value.chars().noneMatch(c -> c == ' ' || c == '\'' || c == '\\')) {
            return value;
        }
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String uri(String userInfo, String host, int port, String database, Optional<String> ca) {
        return "postgresql://" + userInfo + "@" + host + ":" + port + "/" + database
                + ca.map(f -> "?sslmode=verify-full&sslrootcert=" + enc(f)).orElse("");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
