package io.pgha.runtime.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.runtime.PghaException;
import io.pgha.runtime.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clusters pgha knows, one {@code cluster.json} each under {@link ConfigDirs#cluster(String)}. {@code cluster.json}
 * holds no secret: an etcd password given to {@code pgha attach} is kept in the owner-only {@link CredentialStore} and
 * joined to the connection when it is read. A {@code cluster.json} written by an older pgha with the password in it is
 * migrated when read: the password moves to the credential store and the file is rewritten without it.
 */
public final class ClusterRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterRegistry.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final String FILE = "cluster.json";
    private final Path root;
    private final CredentialStore secrets;
    private final ObjectMapper json = Json.mapper();

    public ClusterRegistry() {
        this(ConfigDirs.root());
    }

    public ClusterRegistry(Path root) {
        this.root = root;
        this.secrets = new CredentialStore(root);
    }

    public static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw PghaException.invalidInput("invalid cluster name '" + name
                    + "': use 1-63 lower-case letters, digits and '-', starting with a letter or digit");
        }
    }

    public Path dir(String name) {
        checkName(name);
        return root.resolve("clusters").resolve(name);
    }

    public List<ClusterConnection> list() {
        Path clusters = root.resolve("clusters");
        if (!Files.isDirectory(clusters)) {
            return List.of();
        }
        List<ClusterConnection> result = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(clusters)) {
            for (Path d : dirs.sorted().toList()) {
                if (Files.isRegularFile(d.resolve(FILE))) {
                    result.add(read(d.resolve(FILE)));
                }
            }
        } catch (IOException e) {
            throw PghaException.unavailable("cannot read the cluster list in " + clusters + ": " + e.getMessage(), e);
        }
        return result;
    }

    public Optional<ClusterConnection> find(String name) {
        Path f = dir(name).resolve(FILE);
        return Files.isRegularFile(f) ? Optional.of(read(f)) : Optional.empty();
    }

    public ClusterConnection get(String name) {
        return find(name)
                .orElseThrow(
                        () -> PghaException.notFound(
                                "no cluster named '" + name
                                        + "' is known; see `pgha clusters`, or create one with `pgha up` or attach with `pgha attach`"));
    }

    /** Saves the connection; its etcd password, if it has one, goes to the credential store, never to the file. */
    public void save(ClusterConnection c) {
        Optional<String> password = c.etcdAuth().flatMap(ClusterConnection.EtcdAuth::password);
        if (password.isPresent()) {
            secrets.saveEtcdPassword(c.name(), password.get());
        } else {
            secrets.deleteEtcdPassword(c.name());
        }
        write(withoutPassword(c));
    }

    private void write(ClusterConnection c) {
        Path d = dir(c.name());
        try {
            Files.createDirectories(d);
            Path tmp = Files.createTempFile(d, FILE, ".tmp");
            Json.pretty().writeValue(tmp.toFile(), c);
            Files.move(tmp, d.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw PghaException.unavailable(
                    "cannot save cluster '" + c.name() + "' in " + d + ": " + e.getMessage(), e);
        }
    }

    /** Removes only the cluster's connection ({@code cluster.json}); whatever else is in its directory stays. */
    public void removeConnection(String name) {
        Path f = dir(name).resolve(FILE);
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            throw PghaException.unavailable("cannot remove " + f + ": " + e.getMessage(), e);
        }
    }

    /** Forgets a cluster: removes its directory (connection, credentials, journals). */
    public void remove(String name) {
        Path d = dir(name);
        if (!Files.exists(d)) {
            return;
        }
        try (Stream<Path> files = Files.walk(d)) {
            for (Path p :
                    files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw PghaException.unavailable("cannot remove " + d + ": " + e.getMessage(), e);
        }
    }

    private ClusterConnection read(Path f) {
        ClusterConnection c;
        try {
            c = json.readValue(f.toFile(), ClusterConnection.class);
        } catch (IOException e) {
            throw PghaException.invalidInput("cannot read " + f + " (" + e.getMessage() + "); fix or delete it");
        }
        Optional<String> inFile = c.etcdAuth().flatMap(ClusterConnection.EtcdAuth::password);
        if (inFile.isPresent()) {
            // written by an older pgha: the password moves to the credential store, then leaves the file
            secrets.saveEtcdPassword(c.name(), inFile.get());
            write(withoutPassword(c));
            LOG.info("moved the etcd password of cluster {} from {} to the credential store", c.name(), f);
            return c;
        }
        if (c.etcdAuth().isEmpty()) {
            return c;
        }
        Optional<String> stored = secrets.findEtcdPassword(c.name());
        return stored.isEmpty()
                ? c
                : withEtcdAuth(c, Optional.of(withPassword(c.etcdAuth().get(), stored)));
    }

    private static ClusterConnection withoutPassword(ClusterConnection c) {
        return c.etcdAuth().flatMap(ClusterConnection.EtcdAuth::password).isEmpty()
                ? c
                : withEtcdAuth(c, c.etcdAuth().map(a -> withPassword(a, Optional.empty())));
    }

    private static ClusterConnection.EtcdAuth withPassword(ClusterConnection.EtcdAuth a, Optional<String> password) {
        return new ClusterConnection.EtcdAuth(a.user(), password, a.caFile(), a.certFile(), a.keyFile());
    }

    private static ClusterConnection withEtcdAuth(ClusterConnection c, Optional<ClusterConnection.EtcdAuth> auth) {
        return new ClusterConnection(
                c.name(),
                c.scope(),
                c.etcdEndpoints(),
                auth,
                c.patroniUrls(),
                c.router(),
                c.dockerStack(),
                c.origin(),
                c.prometheus(),
                c.caFile());
    }
}
