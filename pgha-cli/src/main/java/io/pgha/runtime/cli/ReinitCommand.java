package io.pgha.runtime.cli;

import io.pgha.runtime.ops.OperationRequest.Reinitialize;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pgha reinit NODE}: a replica's data directory is deleted and cloned again from the leader. */
@Command(
        name = "reinit",
        mixinStandardHelpOptions = true,
        description = {
            "Reinitialise the replica NODE: its data directory is deleted and cloned again from the leader",
            "(Patroni's /reinitialize). Refused on the leader. Waits until NODE streams again."
        })
final class ReinitCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClusterOption cluster;

    @Parameters(index = "0", paramLabel = "NODE", description = "the replica")
    private String node;

    @Override
    public Integer call() {
        try (OperationSession session = OperationSession.open(cluster)) {
            return session.perform(spec, new Reinitialize(node));
        }
    }
}
