package io.pgha.runtime.attach;

import io.pgha.runtime.cluster.ClusterConnection.EtcdAuth;
import io.pgha.runtime.cluster.ConfigDirs;
import io.pgha.runtime.cluster.CredentialStore;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.dcs.EtcdAccessPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the config directory keeps of a stack {@code pgha up} made, for attaching it again (e.g. after the console's
 * Forget, which keeps them): the cluster's CA ({@code pki/ca.crt}) and the etcd login pgha's own clients use (user
 * {@code pgha}, its password in the owner-only {@code credentials.json}).
 */
final class PghaStackFiles {

    private final Path root;

    PghaStackFiles(Path root) {
        this.root = root;
    }

    static PghaStackFiles inConfigDir() {
        return new PghaStackFiles(ConfigDirs.root());
    }

    /** The stack's CA certificate, if pgha keeps one. */
    Optional<String> caFile(String stack) {
        Path ca = root.resolve("clusters").resolve(stack).resolve("pki").resolve("ca.crt");
        return Files.isReadable(ca) ? Optional.of(ca.toAbsolutePath().toString()) : Optional.empty();
    }

    /** etcd's user {@code pgha} with its stored password, if pgha keeps the stack's credentials. */
    Optional<EtcdAuth> etcdLogin(String stack) {
        return new CredentialStore(root)
                .find(stack)
                .map(StackCredentials::etcd)
                .map(p -> new EtcdAuth(
                        Optional.of(EtcdAccessPolicy.PGHA),
                        Optional.of(p.pgha()),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()));
    }
}
