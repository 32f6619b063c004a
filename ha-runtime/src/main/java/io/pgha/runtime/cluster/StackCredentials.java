package io.pgha.runtime.cluster;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * The passwords of one provisioned cluster, generated when it is first made. Secrets: {@link #toString()}
 * never shows them, and nothing logs them.
 *
 * @param application the role applications log in as (owner of the database of its name)
 * @param monitor     the pg_monitor role of the exporters, pgha's probes and the supervisor
 * @param restApi     the login of Patroni's REST API unsafe endpoints
 * @param router      the login of HAProxy's stats page
 * @param etcd        the passwords of etcd's users (root, patroni, pgha-supervisor, pgha)
 *     (the last five are absent from credentials stored before pgha had them: {@link #completed} adds them)
 */
public record StackCredentials(
        Login superuser,
        Login replication,
        Login admin,
        Login application,
        Login monitor,
        Login restApi,
        Login router,
        EtcdPasswords etcd) {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A role and its password. */
    public record Login(String user, String password) {
        public Login {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Login[user=" + user + ", password=***]";
        }
    }

    public StackCredentials {
        Objects.requireNonNull(superuser, "superuser");
        Objects.requireNonNull(replication, "replication");
        Objects.requireNonNull(admin, "admin");
    }

    /** Logins of the seed's roles only (the others are made by {@link #completed}). */
    public StackCredentials(Login superuser, Login replication, Login admin) {
        this(superuser, replication, admin, null, null, null, null, null);
    }

    /** New random passwords (32 letters and digits, about 187 bits) for the given role names. */
    public static StackCredentials generate(String superuser, String replication, String admin) {
        return new StackCredentials(
                        new Login(superuser, password()),
                        new Login(replication, password()),
                        new Login(admin, password()))
                .completed(DEFAULT_APPLICATION, DEFAULT_MONITOR, DEFAULT_API_USER);
    }

    public static final String DEFAULT_APPLICATION = "app";
    public static final String DEFAULT_MONITOR = "pgha_monitor";
    public static final String DEFAULT_API_USER = "pgha";

    /** These credentials with a new password for every login they lack. */
    public StackCredentials completed(String applicationRole, String monitorRole, String apiUser) {
        return new StackCredentials(
                superuser,
                replication,
                admin,
                application != null ? application : new Login(applicationRole, password()),
                monitor != null ? monitor : new Login(monitorRole, password()),
                restApi != null ? restApi : new Login(apiUser, password()),
                router != null ? router : new Login(apiUser, password()),
                etcd != null ? etcd : EtcdPasswords.generate());
    }

    /** Whether every login is there (credentials stored by an older pgha lack some). */
    public boolean complete() {
        return application != null && monitor != null && restApi != null && router != null && etcd != null;
    }

    /** A new random password (32 letters and digits, about 187 bits). */
    static String newPassword() {
        return password();
    }

    private static String password() {
        StringBuilder p = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            p.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return p.toString();
    }
}
