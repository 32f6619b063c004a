package io.pgha.runtime.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "upgrade",
        mixinStandardHelpOptions = true,
        description = {
            "Replace the PostgreSQL containers of a running stack by ones of another image, data volumes kept",
            "(docs/decisions/0037): the replicas one by one, one switchover, then the old primary, each waiting",
            "until the member streams again. The image must be on this machine (docker build, pull or load first)."
        })
final class UpgradeCommand implements Callable<Integer> {

    @Mixin
    ClusterOption cluster;

    @Option(
            names = "--image",
            paramLabel = "REF",
            required = true,
            description = "the image to run, e.g. pgha/spilo-17:next")
    String image;

    @Mixin
    PlanRun plan;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        String stack = StackName.of(cluster);
        return plan.run(a -> a.planUpgrade(stack, image), command.commandLine().getOut());
    }
}
