package io.pgha.runtime.cluster;

import io.pgha.runtime.PghaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Keeps each cluster's credentials in {@code credentials.json} in its directory under the config root,
 * readable by the owner only (file 0600, directory 0700 on POSIX systems).
 */
public final class CredentialStore {

    private static final String FILE = "credentials.json";
    /** The etcd password of an attached cluster, kept out of cluster.json. */
    static final String ETCD_FILE = "etcd-auth.json";

    /** What {@value #ETCD_FILE} holds. */
    record EtcdSecret(String password) {
        @Override
        public String toString() {
            return "EtcdSecret[***]";
        }
    }

    private final Path root;

    public CredentialStore() {
        this(ConfigDirs.root());
    }

    public CredentialStore(Path root) {
        this.root = root;
    }

    public Path file(String cluster) {
        ClusterRegistry.checkName(cluster);
        return root.resolve("clusters").resolve(cluster).resolve(FILE);
    }

    public Optional<StackCredentials> find(String cluster) {
        Path f = file(cluster);
        try {
            return OwnerOnlyFiles.readJson(f, StackCredentials.class);
        } catch (IOException e) {
            throw PghaException.invalidInput("cannot read the credentials of cluster '" + cluster + "' in " + f + " ("
                    + e.getClass().getSimpleName() + "); restore the file from a backup");
        }
    }

    public StackCredentials get(String cluster) {
        return find(cluster)
                .orElseThrow(() ->
                        PghaException.notFound("no credentials are stored for cluster '" + cluster + "' (looked in "
                                + file(cluster) + "); pgha keeps them only for clusters it made with `pgha up`"));
    }

    public void save(String cluster, StackCredentials credentials) {
        writePrivate(cluster, file(cluster), credentials);
    }

    /** The etcd password stored for the cluster, if any. */
    public Optional<String> findEtcdPassword(String cluster) {
        Path f = etcdFile(cluster);
        try {
            return OwnerOnlyFiles.readJson(f, EtcdSecret.class).map(EtcdSecret::password);
        } catch (IOException e) {
            throw PghaException.invalidInput("cannot read the etcd password of cluster '" + cluster + "' in " + f + " ("
                    + e.getClass().getSimpleName() + "); attach the cluster again with pgha attach --force");
        }
    }

    /** Stores the cluster's etcd password, readable by the owner only. */
    public void saveEtcdPassword(String cluster, String password) {
        writePrivate(cluster, etcdFile(cluster), new EtcdSecret(password));
    }

    public void deleteEtcdPassword(String cluster) {
        try {
            Files.deleteIfExists(etcdFile(cluster));
        } catch (IOException e) {
            throw PghaException.unavailable("cannot delete " + etcdFile(cluster) + ": " + e.getMessage(), e);
        }
    }

    private Path etcdFile(String cluster) {
        return file(cluster).resolveSibling(ETCD_FILE);
    }

    private void writePrivate(String cluster, Path f, Object content) {
        try {
            OwnerOnlyFiles.writeJson(root, f, content);
        } catch (IOException e) {
            throw PghaException.unavailable(
                    "cannot save the secrets of cluster '" + cluster + "' in " + f + ": " + e.getMessage(), e);
        }
    }

    public void delete(String cluster) {
        try {
            Files.deleteIfExists(file(cluster));
        } catch (IOException e) {
            throw PghaException.unavailable("cannot delete " + file(cluster) + ": " + e.getMessage(), e);
        }
    }
}
