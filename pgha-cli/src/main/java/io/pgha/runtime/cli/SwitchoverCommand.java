package io.pgha.runtime.cli;

import io.pgha.runtime.ops.OperationRequest;
import io.pgha.runtime.ops.OperationRequest.Switchover;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pgha switchover}: a planned change of leader, confirmed by the new leader running and the old one streaming. */
@Command(
        name = "switchover",
        mixinStandardHelpOptions = true,
        description = {
            "Hand the leadership over to a replica (the best one when --to is left out): healthy, streaming,",
            "least lag, a synchronous standby first in synchronous mode. Writes stop for a moment.",
            "Waits until the new leader runs and the old one streams from it."
        })
final class SwitchoverCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClusterOption cluster;

    @Option(names = "--to", paramLabel = "NODE", description = "the replica to promote")
    private String to;

    @Option(
            names = "--at",
            paramLabel = "TIME",
            converter = TimeConverter.class,
            description =
                    "schedule it: ISO-8601 with offset (2026-05-01T03:00:00+02:00), or a local date-time / time of day")
    private Instant at;

    @Option(names = "--yes", description = "do not ask for a confirmation")
    private boolean yes;

    @Option(names = "--cancel", description = "cancel a scheduled switchover instead")
    private boolean cancel;

    @Override
    public Integer call() {
        try (OperationSession session = OperationSession.open(cluster)) {
            if (cancel) {
                return session.perform(spec, new OperationRequest.CancelSwitchover());
            }
            Switchover request =
                    new Switchover(Optional.ofNullable(to), Optional.ofNullable(at), Optional.empty(), false);
            return session.perform(spec, request, yes);
        }
    }
}
