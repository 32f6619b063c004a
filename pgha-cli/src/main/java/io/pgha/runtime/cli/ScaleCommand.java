package io.pgha.runtime.cli;

import io.pgha.runtime.PghaException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "scale",
        mixinStandardHelpOptions = true,
        description = {
            "Add or remove PostgreSQL members of a running stack: pgha apply with the running spec and another node",
            "count. New members clone from a replica, run the image the members run and join the router; removed",
            "ones leave the router, then Patroni."
        })
final class ScaleCommand implements Callable<Integer> {

    @Mixin
    ClusterOption cluster;

    /** Scale's option before it took -c/--cluster like upgrade and replace: still accepted, hidden from the help. */
    @Option(names = "--name", paramLabel = "NAME", hidden = true, description = "deprecated: use -c/--cluster")
    String deprecatedName;

    @Option(names = "--nodes", paramLabel = "N", required = true, description = "the PostgreSQL node count wanted")
    int nodes;

    @Mixin
    PlanRun plan;

    @Option(names = "--delete-volumes", description = "delete the data volumes of removed members (kept by default)")
    boolean deleteVolumes;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        String stack = stack();
        if (deprecatedName != null) {
            command.commandLine().getErr().println("pgha: scale --name is deprecated; use -c/--cluster " + stack);
        }
        return plan.run(
                a -> a.planScale(stack, nodes),
                deleteVolumes,
                command.commandLine().getOut());
    }

    /** The stack named with -c (or the deprecated --name), or the only one known. */
    String stack() {
        if (deprecatedName == null) {
            return StackName.of(cluster);
        }
        if (cluster.name().filter(c -> !c.equals(deprecatedName)).isPresent()) {
            throw PghaException.invalidInput("-c " + cluster.name().get() + " and --name " + deprecatedName
                    + " name different clusters: name it once, with -c NAME");
        }
        return deprecatedName;
    }
}
