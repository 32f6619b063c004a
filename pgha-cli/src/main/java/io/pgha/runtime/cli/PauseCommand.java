package io.pgha.runtime.cli;

import io.pgha.runtime.ops.OperationRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pgha pause}: maintenance mode, no automatic failover; {@code pgha resume} ends it. */
@Command(
        name = "pause",
        mixinStandardHelpOptions = true,
        description = {
            "Pause the cluster (maintenance mode): Patroni stops failing over and managing PostgreSQL",
            "until pgha resume."
        })
class PauseCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClusterOption cluster;

    OperationRequest request() {
        return new OperationRequest.Pause();
    }

    @Override
    public Integer call() {
        try (OperationSession session = OperationSession.open(cluster)) {
            return session.perform(spec, request());
        }
    }

    @Command(
            name = "resume",
            mixinStandardHelpOptions = true,
            description = "Resume automatic failover after pgha pause.")
    static final class ResumeCommand extends PauseCommand {
        @Override
        OperationRequest request() {
            return new OperationRequest.Resume();
        }
    }
}
