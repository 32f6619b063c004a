package io.pgha.runtime.cli;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.stack.HaproxyUsers;
import io.pgha.runtime.stack.StackLayout;
import io.pgha.runtime.stack.StackService;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.stack.SwarmPlacement;
import io.pgha.runtime.stack.SwarmStackRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code pgha export-compose --swarm --out DIR}: stack.yml, the configuration files it makes Swarm configs of, the
 * certificates (tls/, as for a compose project) and one file per password in secrets/ (owner-only; kept when DIR
 * already has it, so exporting again keeps the cluster's passwords). docs/decisions/0028.
 */
final class SwarmStackFiles {

    private SwarmStackFiles() {}

    static int export(StackSpec requested, SwarmPlacement placement, Path out, PrintWriter stdout) {
        if (out == null) {
            throw PghaException.invalidInput("--swarm writes a stack file with its secrets: give --out DIR");
        }
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
            ComposeSecurityFiles.write(spec, out);
            Set<String> written = passwords(spec, layout, out.resolve(SwarmStackRenderer.SECRETS_DIR));
            stdout.println("Wrote " + out.resolve(SwarmStackRenderer.STACK_FILE) + " and its secrets ("
                    + String.join(", ", written) + ") for a Swarm of " + SwarmStackRenderer.slots(spec) + " node(s).");
            if (placement.hosts().isEmpty()) {
                stdout.println("Label the nodes first: docker node update --label-add " + SwarmPlacement.LABEL
                        + "=N NODE (N = 1.." + SwarmStackRenderer.slots(spec) + ").");
            }
            stdout.println("Deploy it with: cd " + out + " && docker stack deploy -c " + SwarmStackRenderer.STACK_FILE
                    + " " + spec.name());
        } catch (IOException e) {
            throw PghaException.unavailable("cannot write to " + out + ": " + e.getMessage(), e);
        }
        return ExitCodes.OK;
    }

    /** Writes each password file the stack's services read, unless it is there; returns their names. */
    private static Set<String> passwords(StackSpec spec, StackLayout layout, Path dir) throws IOException {
        Files.createDirectories(dir);
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        StackCredentials c = StackCredentials.generate(
                spec.users().superuser(),
                spec.users().replication(),
                spec.users().admin());
        Set<String> names = new TreeSet<>();
        for (StackService s : layout.services()) {
            for (StackService.SecretFile f : s.secrets()) {
                if (f.path().startsWith(io.pgha.runtime.stack.StackSecurity.TLS_DIR + "/")) {
                    continue;
                }
                StackService.Secret kind = SwarmStackRenderer.passwordOf(f.secret());
                String name = kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
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
