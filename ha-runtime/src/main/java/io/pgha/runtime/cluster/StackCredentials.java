package io.pgha.runtime.cluster;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * The passwords of one provisioned cluster, generated when it is first made. Secrets: {@link #toString()}
 * never shows them, and nothing logs them.
 */
public record StackCredentials(Login superuser, Login replication, Login admin) {

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

    /** New random passwords (32 letters and digits, about 187 bits) for the given role names. */
    public static StackCredentials generate(String superuser, String replication, String admin) {
        return new StackCredentials(
                new Login(superuser, password()), new Login(replication, password()), new Login(admin, password()));
    }

    private static String password() {
        StringBuilder p = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            p.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return p.toString();
    }
}
