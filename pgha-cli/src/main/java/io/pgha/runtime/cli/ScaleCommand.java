package io.pgha.runtime.cli;

import io.pgha.runtime.provision.StackProvisioner;
import io.pgha.runtime.stack.StackSpec;
import io.pgha.runtime.usecase.ApplyStack;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "scale",
        mixinStandardHelpOptions = true,
        description = {
            "Add or remove PostgreSQL members of a running stack: pgha apply with the running spec and another node",
            "count. New members clone from a replica and join the router; removed ones leave the router, then Patroni."
        })
final class ScaleCommand implements Callable<Integer> {

    @Option(
            names = "--name",
            paramLabel = "NAME",
            defaultValue = StackSpec.DEFAULT_NAME,
            description = "stack name; default pg-ha")
    String name;

    @Option(names = "--nodes", paramLabel = "N", required = true, description = "the PostgreSQL node count wanted")
    int nodes;

    @Option(names = "--dry-run", description = "print the plan and change nothing")
    boolean dryRun;

    @Option(names = "--yes", description = "apply the plan without asking")
    boolean yes;

    @Option(names = "--delete-volumes", description = "delete the data volumes of removed members (kept by default)")
    boolean deleteVolumes;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        try (StackProvisioner provisioner = StackProvisioner.onLocalDocker()) {
            ApplyStack apply = new ApplyStack(provisioner);
            return PlanRun.show(
                    apply,
                    apply.planScale(name, nodes),
                    dryRun,
                    yes,
                    deleteVolumes,
                    command.commandLine().getOut());
        }
    }
}
