package io.pgha.runtime.usecase;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.stack.HaproxyUsers;
import io.pgha.runtime.stack.StackLayout;
import io.pgha.runtime.stack.StackSecurity;
import io.pgha.runtime.stack.StackService;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.stack.SwarmPlacement;
import io.pgha.runtime.stack.SwarmStackRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code docker stack deploy} reads for a Swarm stack, written into one folder (docs/decisions/0028): stack.yml,
 * the configuration files it makes Swarm configs of, the certificates (tls/, from the cluster's CA in pki/) and one
 * owner-only file per password in secrets/, kept when the folder already has it (writing again keeps the cluster's
 * passwords, and Swarm's secrets are immutable). {@code pgha export-compose --swarm} and {@code pgha up --swarm} both
 * write it.
 */
public final class SwarmStackFiles {

    private SwarmStackFiles() {}

    /**
     * Writes the files of {@code requested} (as a Swarm runs it) into {@code out}; new password files from
     * {@code credentials}; the certificates also name {@code addresses}. Returns the password files' names.
     */
    public static Set<String> write(
            StackSpec requested,
            SwarmPlacement placement,
            Path out,
            StackCredentials credentials,
            List<String> addresses) {
        StackSpec spec = SwarmStackRenderer.swarmSpec(requested);
        StackLayout layout = StackLayout.compose(spec);
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve(SwarmStackRenderer.STACK_FILE), SwarmStackRenderer.render(spec, placement));
            for (StackService s : layout.services()) {
                for (StackService.ConfigFile f : s.configFiles()) {
                    Files.createDirectories(out.resolve(f.stackPath()).getParent());
                    Files.writeString(out.resolve(f.stackPath()), f.content());
                }
            }
            ComposeSecurityFiles.write(spec, out, addresses);
            return passwords(layout, out.resolve(SwarmStackRenderer.SECRETS_DIR), credentials);
        } catch (IOException e) {
            throw PghaException.unavailable("cannot write to " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * The logins a Swarm stack has: the seed's and the API's, the monitoring role being the superuser and no
     * application role (nothing makes them between etcd's quorum and Patroni's start: docs/decisions/0028).
     */
    public static StackCredentials logins(StackSpec spec) {
        StackCredentials c = StackCredentials.generate(
                spec.users().superuser(),
                spec.users().replication(),
                spec.users().admin());
        return new StackCredentials(
                c.superuser(), c.replication(), c.admin(), null, c.superuser(), c.restApi(), c.router(), c.etcd());
    }

    /** Writes each password file the stack's services read, unless it is there; returns their names. */
    private static Set<String> passwords(StackLayout layout, Path dir, StackCredentials c) throws IOException {
        Files.createDirectories(dir);
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        Set<String> names = new TreeSet<>();
        for (StackService s : layout.services()) {
            for (StackService.SecretFile f : s.secrets()) {
                if (f.path().startsWith(StackSecurity.TLS_DIR + "/")) {
                    continue;
                }
                StackService.Secret kind = SwarmStackRenderer.passwordOf(f.secret());
                String name = kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
                Path file = dir.resolve(name);
                if (names.add(name) && !Files.exists(file)) {
                    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                        Files.createFile(
                                file,
                                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    }
                    Files.writeString(file, content(kind, c));
                }
            }
        }
        return names;
    }

    private static String content(StackService.Secret kind, StackCredentials c) {
        return switch (kind) {
            case SUPERUSER_PASSWORD -> c.superuser().password();
            case REPLICATION_PASSWORD -> c.replication().password();
            case ADMIN_PASSWORD -> c.admin().password();
            case REST_API_PASSWORD -> c.restApi().password();
            case ROUTER_USERS -> HaproxyUsers.render(c.router().password());
            default -> throw new IllegalStateException(kind + " is not in a Swarm stack");
        };
    }
}
