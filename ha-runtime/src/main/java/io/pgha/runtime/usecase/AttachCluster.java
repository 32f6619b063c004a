package io.pgha.runtime.usecase;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.attach.AttachRequest;
import io.pgha.runtime.attach.ClusterDiscovery;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.monitor.ProbeLogins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Attaching a cluster pgha did not make, for {@code pgha attach} and the console's Attach dialog alike: a new name (or
 * an explicit replace), discovery through the cluster's etcd or its members' REST APIs (with the errors that say what to
 * check), then the connection saved in the registry, owner-only, with the probes' PostgreSQL login when one is given.
 * Nothing is saved when the cluster cannot be reached.
 */
public final class AttachCluster {

    private final ClusterRegistry registry;

    public AttachCluster(ClusterRegistry registry) {
        this.registry = registry;
    }

    /** Refuses a name that is invalid, or already known unless {@code replace}. */
    public void checkName(String name, boolean replace) {
        ClusterRegistry.checkName(name);
        if (!replace && registry.find(name).isPresent()) {
            throw PghaException.conflict("a cluster named '" + name + "' is already known; choose another name"
                    + " (pgha attach --force replaces it)");
        }
    }

    public ClusterDiscovery.Result attach(
            AttachRequest request, boolean replace, Optional<StackCredentials.Login> probeLogin) {
        checkName(request.name(), replace);
        ClusterDiscovery.Result result = ClusterDiscovery.discover(request);
        registry.save(result.connection());
        Path dir = registry.dir(request.name());
        ownerOnly(dir);
        probeLogin.ifPresent(login -> saveProbeLogin(dir, login));
        return result;
    }

    /** The probes' login, as KEY=value lines like the stack's .env.postgres, readable by the owner only. */
    private static void saveProbeLogin(Path dir, StackCredentials.Login login) {
        Path f = dir.resolve(ProbeLogins.FILE);
        try {
            Files.deleteIfExists(f);
            Files.createFile(f);
            ownerOnly(f);
            Files.writeString(
                    f, "PGUSER_SUPERUSER=" + login.user() + "\nPGPASSWORD_SUPERUSER=" + login.password() + "\n");
        } catch (IOException e) {
            throw PghaException.unavailable("cannot save the probe login in " + f + ": " + e.getMessage(), e);
        }
    }

    private static void ownerOnly(Path p) {
        try {
            Files.setPosixFilePermissions(
                    p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwx------" : "rw-------"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system: the user profile's own protection applies
        }
    }
}
