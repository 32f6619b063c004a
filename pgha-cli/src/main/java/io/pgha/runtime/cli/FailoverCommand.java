package io.pgha.runtime.cli;

import io.pgha.runtime.ops.OperationRequest.Failover;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pgha failover --to NODE}: promotes a replica when there is no healthy leader. */
@Command(
        name = "failover",
        mixinStandardHelpOptions = true,
        description = {
            "Promote NODE when the cluster has no healthy leader (Patroni's /failover).",
            "Refused while a leader runs: use switchover for a planned change."
        })
final class FailoverCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClusterOption cluster;

    @Option(names = "--to", required = true, paramLabel = "NODE", description = "the replica to promote")
    private String to;

    @Override
    public Integer call() {
        try (OperationSession session = OperationSession.open(cluster)) {
            return session.perform(spec, new Failover(to));
        }
    }
}
