package io.pgha.runtime.cli;

import io.pgha.runtime.ops.OperationRequest.Restart;
import io.pgha.runtime.ops.OperationRequest.RestartKind;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pgha restart NODE}: PostgreSQL through Patroni, or the whole container through Docker. */
@Command(
        name = "restart",
        mixinStandardHelpOptions = true,
        description = {
            "Restart PostgreSQL on NODE through Patroni, or NODE's container with --container.",
            "Restarting the leader stops writes (or causes a failover) and needs --yes.",
            "Waits until NODE leads or streams again with a new postmaster."
        })
final class RestartCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClusterOption cluster;

    @Parameters(index = "0", paramLabel = "NODE", description = "the member to restart")
    private String node;

    @Option(
            names = "--container",
            description = "restart the Docker container (Patroni and PostgreSQL) instead of PostgreSQL only")
    private boolean container;

    @Option(
            names = "--pending-only",
            description = "restart only if a restart is pending (after a configuration change)")
    private boolean pendingOnly;

    @Option(names = "--yes", description = "confirm restarting the leader")
    private boolean yes;

    @Override
    public Integer call() {
        Restart request =
                new Restart(node, container ? RestartKind.CONTAINER : RestartKind.POSTGRES, pendingOnly, false);
        try (OperationSession session = OperationSession.open(cluster)) {
            return session.perform(spec, request, yes);
        }
    }
}
