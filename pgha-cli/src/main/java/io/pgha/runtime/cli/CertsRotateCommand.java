package io.pgha.runtime.cli;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.monitor.ClusterMonitor;
import io.pgha.runtime.monitor.ClusterMonitors;
import io.pgha.runtime.ops.OperationResult;
import io.pgha.runtime.usecase.CertificateRotation;
import io.pgha.runtime.usecase.RotationPlan;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pgha certs rotate}: new node and etcd certificates (and with --ca a new CA), the leader last. */
@Command(
        name = "rotate",
        mixinStandardHelpOptions = true,
        description = {
            "Give every PostgreSQL node a new certificate, one at a time, the leader last: copied into its",
            "container, PostgreSQL and Patroni reload it (no restart, no switchover), then checked;",
            "etcd's members too (etcd reads its certificate at every handshake, no restart).",
            "With --ca a new CA first: every container trusts the old and the new one until the roll ends;",
            "etcd's members restart one at a time (quorum kept) to trust both, again with new certificates,",
            "and again to trust the new CA alone.",
            "Asks for a confirmation (or --yes); written to the audit journal."
        })
final class CertsRotateCommand implements Callable<Integer> {

    private static final Duration FIRST_SNAPSHOT = Duration.ofSeconds(5);
    /** How long a cluster whose leader is not seen yet (a slow first answer of etcd or Patroni) is given. */
    private static final Duration LEADER_SEEN = Duration.ofSeconds(30);

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClusterOption cluster;

    @Option(names = "--ca", description = "make a new CA as well (the previous one is trusted until the roll ends)")
    private boolean ca;

    @Option(names = "--yes", description = "do not ask for a confirmation")
    private boolean yes;

    /** Until the monitor sees a leader, at most {@link #LEADER_SEEN}; the plan then says why it cannot go on. */
    private static void awaitLeader(ClusterMonitor m) {
        java.time.Instant deadline = java.time.Instant.now().plus(LEADER_SEEN);
        while (m.current().leader().isEmpty() && java.time.Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(500); // polling the monitor's snapshot, bounded by the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public Integer call() {
        ClusterConnection c = ClusterChoice.resolve(new ClusterRegistry(), cluster.name());
        PrintWriter err = spec.commandLine().getErr();
        try (ClusterMonitor m =
                        ClusterMonitors.start(c, ClusterMonitors.settingsFor(c).withJournal(Optional.empty()));
                CertificateRotation rotation = CertificateRotation.create(m)) {
            m.awaitComplete(FIRST_SNAPSHOT);
            awaitLeader(m);
            RotationPlan plan = rotation.plan(ca);
            err.println(plan.summary() + ":");
            int n = 0;
            for (RotationPlan.Step step : plan.steps()) {
                err.println("  " + ++n + ". " + step.describe());
            }
            err.flush();
            if (!yes && !OperationSession.askOnTerminal(err)) {
                throw new PghaException(
                        PghaException.Kind.REFUSED,
                        "certs rotate needs a confirmation"
                                + (System.console() == null ? " and there is no terminal to ask on" : "")
                                + "; nothing was changed. Pass --yes to confirm it");
            }
            OperationResult r = rotation.perform(plan, line -> {
                err.println(line);
                err.flush();
            });
            OperationSession.print(spec.commandLine().getOut(), r);
            r.orThrow();
            return ExitCodes.OK;
        }
    }
}
