package io.pgha.runtime.provision;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.docker.DockerEngine;
import io.pgha.runtime.docker.ExecResult;
import io.pgha.runtime.stack.StackLayout;
import java.time.Duration;
import java.util.List;

/**
 * The roles a stack gives everything but its own machinery: the application's (owner of the database of its name) and
 * pg_monitor's for the exporters, pgha's probes and the supervisor. Made on the leader through its local socket (psql in
 * its container); their passwords travel only as SCRAM verifiers, never in clear text, and a second run sets them again.
 */
final class StackRoles {

    private static final Duration CALL = Duration.ofSeconds(30);

    private final DockerEngine docker;
    private final StackLayout layout;
    private final StackCredentials credentials;

    StackRoles(DockerEngine docker, StackLayout layout, StackCredentials credentials) {
        this.docker = docker;
        this.layout = layout;
        this.credentials = credentials;
    }

    /** Makes or updates both roles and the application's database on {@code leader}; says what it did. */
    String ensure(String leader) {
        String container = layout.containerName(leader);
        StackCredentials.Login app = credentials.application();
        StackCredentials.Login monitor = credentials.monitor();
        psql(container, rolesSql(app, monitor));
        String exists = psql(container, "SELECT count(*) FROM pg_database WHERE datname = '" + app.user() + "'")
                .strip();
        if (exists.equals("0")) {
            psql(container, "CREATE DATABASE " + app.user() + " OWNER " + app.user());
            return "roles " + app.user() + " and " + monitor.user() + " (pg_monitor), database " + app.user()
                    + " made on " + leader;
        }
        return "roles " + app.user() + " and " + monitor.user() + " (pg_monitor) set on " + leader;
    }

    static String rolesSql(StackCredentials.Login app, StackCredentials.Login monitor) {
        return "DO $pgha$\nBEGIN\n"
                + role(monitor.user(), verifier(monitor))
                + "  GRANT pg_monitor TO " + monitor.user() + ";\n"
                + role(app.user(), verifier(app))
                + "END\n$pgha$;";
    }

    private static String role(String name, String verifier) {
        return "  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + name + "') THEN CREATE ROLE " + name
                + " LOGIN; END IF;\n"
                + "  ALTER ROLE " + name + " LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB PASSWORD '" + verifier + "';\n";
    }

    /** The SCRAM-SHA-256 verifier PostgreSQL keeps for the password: the server never sees the password itself. */
    static String verifier(StackCredentials.Login login) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return verifier(login.password(), salt, 4096);
    }

    /** RFC 5802/7677 as PostgreSQL stores it: SCRAM-SHA-256$iterations:salt$StoredKey:ServerKey (the JDK's primitives). */
    static String verifier(String password, byte[] salt, int iterations) {
        try {
            javax.crypto.SecretKeyFactory pbkdf2 = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] salted = pbkdf2.generateSecret(
                            new javax.crypto.spec.PBEKeySpec(password.toCharArray(), salt, iterations, 256))
                    .getEncoded();
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey =
                    java.security.MessageDigest.getInstance("SHA-256").digest(clientKey);
            byte[] serverKey = hmac(salted, "Server Key");
            java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
            return "SCRAM-SHA-256$" + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey)
                    + ":" + b64.encodeToString(serverKey);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("this JDK lacks PBKDF2WithHmacSHA256 or HmacSHA256", e);
        }
    }

    private static byte[] hmac(byte[] key, String message) throws java.security.GeneralSecurityException {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private String psql(String container, String sql) {
        ExecResult r = docker.exec(
                container,
                List.of(
                        "psql",
                        "-X",
                        "-q",
                        "-t",
                        "-A",
                        "-v",
                        "ON_ERROR_STOP=1",
                        "-h",
                        "/var/run/postgresql",
                        "-U",
                        credentials.superuser().user(),
                        "-d",
                        "postgres",
                        "-c",
                        sql),
                CALL);
        if (r.exitCode() != 0) {
            throw PghaException.unavailable("cannot make the application and monitoring roles on " + container + ": "
                    + r.stderr().strip());
        }
        return r.stdout();
    }
}
