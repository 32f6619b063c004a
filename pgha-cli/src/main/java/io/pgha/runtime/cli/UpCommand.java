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
            "Running it again on a healthy stack changes nothing; a different spec is reported, not applied.",
            "With --swarm ENDPOINT, places it on a Docker Swarm instead: each etcd member and PostgreSQL node on its own",
            "node, the router on every node (docker stack deploy of the export-compose --swarm stack; docs/decisions/0043)."
        })
final class UpCommand implements Callable<Integer> {

    @Mixin
    SpecOptions specOptions;

    @Option(names = "--json", description = "one JSON object per line: progress events, then the result")
    boolean json;

    @Option(
            names = "--swarm",
            paramLabel = "ENDPOINT",
            description = "a Swarm manager's Docker endpoint (unix:///path/docker.sock or tcp://HOST:2376): place the"
                    + " stack on that Swarm; needs the docker CLI")
    String swarm;

    @Option(
            names = "--hosts",
            split = ",",
            paramLabel = "NODE,...",
            description = "with --swarm: the nodes for etcd member i and pg-(i-1), in order; default: the ready nodes"
                    + " by hostname")
    List<String> hosts = List.of();

    @Option(
            names = "--addresses",
            split = ",",
            paramLabel = "IP,...",
            description = "with --swarm: where each node's published ports answer from here, in the order of the"
                    + " nodes; default: the addresses the nodes advertise to the Swarm")
    List<String> addresses = List.of();

    @Spec
    CommandSpec command;

    /** --hosts and --addresses place a stack on a Swarm: alone they are a mistake, said before anything is made. */
    static void checkSwarmOptions(String swarm, List<String> hosts, List<String> addresses) {
        if (swarm == null && (!hosts.isEmpty() || !addresses.isEmpty())) {
            throw io.pgha.runtime.PghaException.invalidInput((hosts.isEmpty() ? "--addresses" : "--hosts")
                    + " places a stack on a Swarm: use it with --swarm" + " ENDPOINT");
        }
        if (swarm != null && swarm.isBlank()) {
            throw io.pgha.runtime.PghaException.invalidInput(
                    "--swarm needs a manager's endpoint, e.g. unix:///var/run/docker.sock or tcp://manager:2376");
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        checkSwarmOptions(swarm, hosts, addresses);
        StackSpec spec = specOptions.spec();
        if (swarm != null) {
            UpResult r = new io.pgha.runtime.usecase.SwarmUp()
                    .up(spec, swarm, hosts, addresses, new ProgressPrinter(out, json));
            print(out, r, swarmClosingLines(r));
            return ExitCodes.OK;
        }
        try (StackProvisioner provisioner = StackProvisioner.onLocalDocker()) {
            UpResult r = provisioner.up(spec, new ProgressPrinter(out, json));
            print(out, r, closingLines(r));
        }
        return ExitCodes.OK;
    }

    private void print(PrintWriter out, UpResult r, List<String> closing) {
        {
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
                closing.forEach(out::println);
            }
        }
    }

    /** What {@code up --swarm} says last: the stack's router answers on every node; the first node's is recorded. */
    static List<String> swarmClosingLines(UpResult r) {
        RouterEndpoints router = r.connection().router().orElseThrow();
        String took = String.format(Locale.ROOT, "%.1f s", r.elapsed().toMillis() / 1000.0);
        Optional<String> ca = r.connection().caFile();
        String su = r.application();
        return List.of(
                r.changed()
                        ? "Stack " + r.name() + " is up on the Swarm in " + took + "; " + r.leader() + " leads."
                        : "Stack " + r.name() + " is already up on the Swarm; nothing changed (" + took + ").",
                "  the router answers on every node; through the first one:",
                "  writes: psql '"
                        + ConnectionUris.uriWithoutPassword(su, router.host(), router.writePort(), "postgres", ca)
                        + "'",
                "  reads:  psql '"
                        + ConnectionUris.uriWithoutPassword(su, router.host(), router.readPort(), "postgres", ca) + "'",
                "  the password: pgha credentials -c " + r.name() + "; status: pgha status -c " + r.name()
                        + "; remove it: pgha down -c " + r.name());
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
