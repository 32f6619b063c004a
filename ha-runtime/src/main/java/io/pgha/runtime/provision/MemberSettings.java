package io.pgha.runtime.provision;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.apply.MemberSetting;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.docker.ExecResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A member's pg_settings, asked inside its container (port 5432 is not published): psql as the postgres OS user over
 * the local socket, as the superuser. What {@code pgha apply} needs to know which parameters a restart applies, and
 * whether every member runs the new values.
 */
final class MemberSettings {

    private static final Duration EXEC = Duration.ofSeconds(15);
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
    private static final String SEPARATOR = "|";

    private final DockerEngine docker;

    MemberSettings(DockerEngine docker) {
        this.docker = docker;
    }

    /** The rows of {@code names} (every parameter when empty) in {@code container}'s pg_settings. */
    Map<String, MemberSetting> read(String container, String superuser, Collection<String> names) {
        StringBuilder sql = new StringBuilder(
                "SELECT name, setting, coalesce(unit, ''), context, pending_restart FROM pg_settings");
        if (!names.isEmpty()) {
            List<String> quoted = new ArrayList<>();
            for (String n : names) {
                if (!NAME.matcher(n).matches()) {
                    throw PghaException.invalidInput("invalid PostgreSQL parameter name '" + n + "'");
                }
                quoted.add("'" + n + "'");
            }
            sql.append(" WHERE name IN (").append(String.join(",", quoted)).append(')');
        }
        ExecResult r = docker.exec(
                container,
                List.of(
                        "runuser",
                        "-u",
                        "postgres",
                        "--",
                        "psql",
                        "-X",
                        "-q",
                        "-t",
                        "-A",
                        "-F",
                        SEPARATOR,
                        "-h",
                        "/var/run/postgresql",
                        "-U",
                        superuser,
                        "-d",
                        "postgres",
                        "-c",
                        sql.toString()),
                EXEC);
        if (!r.ok()) {
            throw PghaException.unavailable(
                    "could not read pg_settings in " + container + ": "
                            + (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip(),
                    null);
        }
        return parse(r.stdout());
    }

    /** psql's unaligned rows: name|setting|unit|context|t or f. */
    static Map<String, MemberSetting> parse(String out) {
        Map<String, MemberSetting> rows = new LinkedHashMap<>();
        for (String line : out.lines().toList()) {
            String[] f = line.split(Pattern.quote(SEPARATOR), -1);
            int n = f.length;
            if (n >= 5) {
                // a setting may hold the separator itself (archive_command): the fields around it are fixed
                String setting =
                        String.join(SEPARATOR, java.util.Arrays.asList(f).subList(1, n - 3));
                rows.put(f[0], new MemberSetting(f[0], setting, f[n - 3], f[n - 2], "t".equals(f[n - 1])));
            }
        }
        return rows;
    }
}
