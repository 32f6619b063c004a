package io.pgha.runtime.cli;

import io.pgha.runtime.cluster.ClusterConnection.RouterEndpoints;
import io.pgha.runtime.provision.StackProvisioner;
import io.pgha.runtime.provision.UpResult;
import io.pgha.runtime.stack.StackSpec;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = {
            "Create or complete a stack on Docker and wait until it is writable with every replica streaming.",
            "Running it again on a healthy stack changes nothing; a different spec is reported, not applied."
        })
final class UpCommand implements Callable<Integer> {

    @Mixin
    SpecOptions specOptions;

    @Option(names = "--json", description = "one JSON object per line: progress events, then the result")
    boolean json;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        StackSpec spec = specOptions.spec();
        try (StackProvisioner provisioner = StackProvisioner.onLocalDocker()) {
            UpResult r = provisioner.up(spec, new ProgressPrinter(out, json));
            RouterEndpoints router = r.connection().router().orElseThrow();
            if (json) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("type", "result");
                line.put("name", r.name());
                line.put("changed", r.changed());
                line.put("actions", r.actions());
                line.put("leader", r.leader());
                line.put("write", router.host() + ":" + router.writePort());
                line.put("read", router.host() + ":" + router.readPort());
                line.put("elapsed_ms", r.elapsed().toMillis());
                ProgressPrinter.printJson(out, line);
            } else {
                closingLines(r).forEach(out::println);
            }
        }
        return ExitCodes.OK;
    }

    /**
     * What {@code up} says last: how long it took, and how an application connects the safe way, as the application
     * role with sslmode=verify-full and the cluster's CA (issue 18); the password stays in the credential store.
     */
    static List<String> closingLines(UpResult r) {
        RouterEndpoints router = r.connection().router().orElseThrow();
        String took = String.format(Locale.ROOT, "%.1f s", r.elapsed().toMillis() / 1000.0);
        Optional<String> ca = r.connection().caFile();
        String app = r.application();
        String named = "pg-ha".equals(r.name()) ? "" : " " + r.name();
        return List.of(
                r.changed()
                        ? "Stack " + r.name() + " is up in " + took + "; " + r.leader() + " leads."
                        : "Stack " + r.name() + " is already up; nothing changed (" + took + ").",
                "  applications connect as " + app + " to database " + app
                        + ca.map(f -> ", verifying the servers against the cluster's CA")
                                .orElse("") + ":",
                "  writes: psql '" + ConnectionUris.uriWithoutPassword(app, router.host(), router.writePort(), app, ca)
                        + "'",
                "  reads:  psql '" + ConnectionUris.uriWithoutPassword(app, router.host(), router.readPort(), app, ca)
                        + "'",
                "  the password and ready-made connection strings: pgha credentials" + named);
    }
}
