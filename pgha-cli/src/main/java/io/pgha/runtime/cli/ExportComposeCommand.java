package io.pgha.runtime.cli;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.StackCredentials;
import io.pgha.runtime.images.PghaHome;
import io.pgha.runtime.stack.ComposeRenderer;
import io.pgha.runtime.stack.StackImages;
import io.pgha.runtime.stack.StackLayout;
import io.pgha.runtime.stack.StackService;
import io.pgha.runtime.stack.StackSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "export-compose",
        mixinStandardHelpOptions = true,
        description = {
            "Render a stack spec as a docker compose project: the same stack pgha up makes.",
            "Without --out, prints docker-compose.yml. With --out DIR, writes docker-compose.yml, haproxy/haproxy.cfg and",
            "local.env there, and .env.postgres with new random passwords unless DIR already has one; for the secure",
            "stack (the default) also the cluster's CA and certificates (pki/, owner-only; tls/ what each service reads)",
            "and haproxy/users.cfg. --seed-security writes the seed's open stack (the committed stack/).",
            "--swarm --out DIR writes stack.yml for docker stack deploy instead, its passwords and certificates as Swarm",
            "secrets (secrets/, tls/) and its configuration files as Swarm configs (docs/decisions/0028)."
        })
final class ExportComposeCommand implements Callable<Integer> {

    @Mixin
    SpecOptions specOptions;

    @Option(names = "--out", paramLabel = "DIR", description = "directory to write the files to")
    Path out;

    @Option(
            names = "--swarm",
            description =
                    "a stack file for docker stack deploy: each member pinned to a Swarm node, the router on every node")
    boolean swarm;

    @Option(
            names = "--hosts",
            split = ",",
            paramLabel = "NODE,...",
            description = "with --swarm: the Swarm nodes' hostnames, member i on node i; default: nodes labelled "
                    + io.pgha.runtime.stack.SwarmPlacement.LABEL + "=i")
    java.util.List<String> hosts = java.util.List.of();

    @Spec
    CommandSpec command;

    /**
     * The build context compose makes the supervisor's image from: this pgha's checkout, relative to the compose file's
     * directory when that lies inside it (the committed stack/ gets ".."), else absolute; none for an installed pgha.
     */
    static Optional<String> supervisorSources(Path composeDir) {
        return PghaHome.find()
                .map(Path::toAbsolutePath)
                .map(Path::normalize)
                .filter(root -> Files.isRegularFile(root.resolve(ComposeRenderer.SUPERVISOR_DOCKERFILE))
                        && Files.isDirectory(root.resolve("pgha-cli/src/main")))
                .map(root -> composeDir.startsWith(root)
                        ? composeDir.relativize(root).toString()
                        : root.toString())
                .map(context -> context.isEmpty() ? "." : context);
    }

    private static java.util.List<String> configFiles(StackSpec spec) {
        return StackLayout.compose(spec).services().stream()
                .flatMap(s -> s.configFiles().stream())
                .map(StackService.ConfigFile::stackPath)
                .toList();
    }

    @Override
    public Integer call() {
        PrintWriter stdout = command.commandLine().getOut();
        StackSpec spec = specOptions.spec();
        if (swarm) {
            return SwarmStackFiles.export(spec, new io.pgha.runtime.stack.SwarmPlacement(hosts), out, stdout);
        }
        if (!hosts.isEmpty()) {
            throw io.pgha.runtime.PghaException.invalidInput("--hosts places a Swarm stack: use it with --swarm");
        }
        if (out == null) {
            stdout.print(
                    ComposeRenderer.render(spec, supervisorSources(Path.of("").toAbsolutePath())));
            stdout.flush();
            return ExitCodes.OK;
        }
        try {
            Files.createDirectories(out.resolve("haproxy"));
            Optional<String> sources = supervisorSources(out.toAbsolutePath().normalize());
            Files.writeString(out.resolve("docker-compose.yml"), ComposeRenderer.render(spec, sources));
            for (StackService s : StackLayout.compose(spec).services()) {
                for (StackService.ConfigFile f : s.configFiles()) {
                    Files.createDirectories(out.resolve(f.stackPath()).getParent());
                    Files.writeString(out.resolve(f.stackPath()), f.content());
                }
            }
            Files.writeString(out.resolve("local.env"), ComposeRenderer.localEnv());
            Path env = out.resolve(ComposeRenderer.CREDENTIALS_FILE);
            boolean keptEnv = Files.exists(env);
            if (!keptEnv) {
                StackCredentials c = StackCredentials.generate(
                        spec.users().superuser(),
                        spec.users().replication(),
                        spec.users().admin());
                if (env.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createFile(
                            env, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                }
                Files.writeString(env, ComposeRenderer.credentialsEnv(c, spec.security()));
            }
            io.pgha.runtime.usecase.ComposeSecurityFiles.write(spec, out);
            stdout.println("Wrote docker-compose.yml, its configuration files (" + String.join(", ", configFiles(spec))
                    + ") and local.env to " + out + (keptEnv ? "; kept the existing " : "; new passwords in ")
                    + ComposeRenderer.CREDENTIALS_FILE + ".");
            stdout.println("Start it with: docker compose -f " + out.resolve("docker-compose.yml") + " up -d");
            if (sources.isEmpty()) {
                stdout.println(
                        "Its supervisor runs the image " + StackImages.SUPERVISOR + ", which pgha up builds (or: "
                                + "stack/images/build-local.sh --supervisor-only beside the pgha jars).");
            }
        } catch (IOException e) {
            throw PghaException.unavailable("cannot write to " + out + ": " + e.getMessage(), e);
        }
        return ExitCodes.OK;
    }
}
