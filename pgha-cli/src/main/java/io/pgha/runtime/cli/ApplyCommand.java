package io.pgha.runtime.cli;

import io.pgha.runtime.provision.StackProvisioner;
import io.pgha.runtime.stack.StackSpecFile;
import io.pgha.runtime.usecase.ApplyStack;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "apply",
        mixinStandardHelpOptions = true,
        description = {
            "Change a running stack to a spec without recreating it (docs/decisions/0029): prints the plan, each step",
            "with what it costs, asks, then runs it step by step, each waiting until the stack is healthy again."
        })
final class ApplyCommand implements Callable<Integer> {

    @Option(names = "--spec", paramLabel = "FILE", required = true, description = "the YAML stack spec to converge to")
    Path specFile;

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
                    apply.planApply(StackSpecFile.load(specFile).build()),
                    dryRun,
                    yes,
                    deleteVolumes,
                    command.commandLine().getOut());
        }
    }
}
