package io.pgha.runtime.cli;

import io.pgha.runtime.usecase.NodeStackVolumes;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `pgha remove-stack-volumes --stack NAME`: run by {@code pgha down --volumes} as a one-shot job on every node of a
 * Swarm, in pgha's own image with that node's Docker socket, it removes the stack's volumes there
 * (docs/decisions/0048). Not for people: {@code pgha down -c NAME --volumes} is.
 */
@Command(
        name = "remove-stack-volumes",
        hidden = true,
        description = "Remove a Swarm stack's volumes on this node's engine (used by pgha down --volumes).")
public final class RemoveStackVolumesCommand implements Callable<Integer> {

    @Option(names = "--stack", required = true, paramLabel = "NAME")
    String stack;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> removed = NodeStackVolumes.removeHere(stack);
        spec.commandLine()
                .getOut()
                .println(
                        removed.isEmpty()
                                ? "no volume of stack " + stack + " here"
                                : "removed " + String.join(" ", removed));
        return ExitCodes.OK;
    }
}
