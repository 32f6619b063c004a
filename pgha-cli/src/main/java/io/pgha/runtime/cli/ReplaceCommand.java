package io.pgha.runtime.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "replace",
        mixinStandardHelpOptions = true,
        description = {
            "Replace one PostgreSQL member by a new container with a new, empty data volume that Patroni clones again",
            "from a replica (docs/decisions/0037); a primary hands over first. The old data is deleted once the new",
            "member streams, unless --keep-volume."
        })
final class ReplaceCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NODE", description = "the member to replace, e.g. pg-1")
    String node;

    @Mixin
    ClusterOption cluster;

    @Option(
            names = "--keep-volume",
            description = "keep the old data in a volume of its own (its name is printed) instead of deleting it")
    boolean keepVolume;

    @Mixin
    PlanRun plan;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        String stack = StackName.of(cluster);
        return plan.run(
                a -> a.planReplace(stack, node, keepVolume),
                command.commandLine().getOut());
    }
}
