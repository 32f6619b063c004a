package io.pgha.runtime.cli;

import io.pgha.runtime.apply.ApplyPlanner;
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
            "member streams, unless --keep-volume.",
            "Replace one etcd member (etcd-N) the same way (docs/decisions/0057): removed from etcd's members, its",
            "container and volume removed, added again; the new member copies the data from the leader, and the step",
            "ends once it is healthy and caught up. Only while every other etcd member is healthy, so the quorum holds (the",
            "member replaced may be down: that is what replace is for). --keep-volume is refused for etcd members."
        })
final class ReplaceCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NODE", description = "the member to replace, e.g. pg-1 or etcd-2")
    String node;

    @Mixin
    ClusterOption cluster;

    @Option(
            names = "--keep-volume",
            description = "keep the old data in a volume of its own (its name is printed) instead of deleting it"
                    + " (PostgreSQL members only: a removed etcd member's data can never rejoin, so it is always deleted and"
                    + " --keep-volume with etcd-N is refused)")
    boolean keepVolume;

    @Mixin
    PlanRun plan;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        ApplyPlanner.requireVolumeChoice(node, keepVolume);
        String stack = StackName.of(cluster);
        return plan.run(
                a -> a.planReplace(stack, node, keepVolume),
                command.commandLine().getOut());
    }
}
