package io.pgha.runtime.cluster;

import java.util.Objects;

/**
 * The passwords of the etcd users of a stack pgha made (docs/decisions/0019): root's is kept by pgha only (it makes the
 * users and roles), Patroni's and the supervisor's are copied into their containers as files, pgha's is what the
 * console and CLI log in with. Secrets: {@link #toString()} never shows them.
 */
public record EtcdPasswords(String root, String patroni, String supervisor, String pgha) {

    public EtcdPasswords {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(patroni, "patroni");
        Objects.requireNonNull(supervisor, "supervisor");
        Objects.requireNonNull(pgha, "pgha");
    }

    /** New random passwords for the four users. */
    public static EtcdPasswords generate() {
        return new EtcdPasswords(
                StackCredentials.newPassword(),
                StackCredentials.newPassword(),
                StackCredentials.newPassword(),
                StackCredentials.newPassword());
    }

    @Override
    public String toString() {
        return "EtcdPasswords[***]";
    }
}
