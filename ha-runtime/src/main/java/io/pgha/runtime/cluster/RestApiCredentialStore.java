package io.pgha.runtime.cluster;

import io.pgha.runtime.PghaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A cluster's Patroni REST API credentials, in {@code patroni-rest.json} in the cluster's directory, readable
 * by the owner only; kept apart from {@code cluster.json}, which holds no secret.
 */
public final class RestApiCredentialStore {

    static final String FILE = "patroni-rest.json";
    private final Path root;

    public RestApiCredentialStore() {
        this(ConfigDirs.root());
    }

    public RestApiCredentialStore(Path root) {
        this.root = root;
    }

    public Path file(String cluster) {
        ClusterRegistry.checkName(cluster);
        return root.resolve("clusters").resolve(cluster).resolve(FILE);
    }

    public Optional<RestApiCredentials> find(String cluster) {
        Path f = file(cluster);
        try {
            return OwnerOnlyFiles.readJson(f, RestApiCredentials.class);
        } catch (IOException e) {
            throw PghaException.invalidInput("cannot read the REST API credentials of cluster '" + cluster + "' in " + f
                    + " (" + e.getClass().getSimpleName() + "); set them again with `pgha rest-auth`");
        }
    }

    public void save(String cluster, RestApiCredentials credentials) {
        Path f = file(cluster);
        try {
            OwnerOnlyFiles.writeJson(root, f, credentials);
        } catch (IOException e) {
            throw PghaException.unavailable(
                    "cannot save the REST API credentials of cluster '" + cluster + "' in " + f + ": " + e.getMessage(),
                    e);
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
