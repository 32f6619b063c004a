package io.pgha.runtime.cli;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.monitor.ClusterMonitor;
import io.pgha.runtime.monitor.ClusterMonitors;
import io.pgha.runtime.ops.ClusterOperations;
import io.pgha.runtime.ops.OperationPlan;
import io.pgha.runtime.ops.OperationRequest;
import io.pgha.runtime.ops.OperationResult;
import java.io.Console;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One operation command's cluster: a monitor (no event journal: the console or pgha watch keeps that) and
 * the operations on it. Prints the plan to stderr, the outcome to stdout, and turns anything but success
 * into a PghaException, so the exit code says what happened.
 */
final class OperationSession implements AutoCloseable {

    /*
     * Returns as soon as every source has answered once, with a view or an error; only sources that have not answered
     * at all make it wait that long (a JVM starting on a busy machine: 5 s refused switchovers with "waiting for the
     * first answer" while the cluster was healthy).
     */
    private static final Duration FIRST_SNAPSHOT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofSeconds(1);

    /** How commands open a session: on the live cluster; tests put operations of their own here. */
    static volatile Function<ClusterOption, OperationSession> opener = OperationSession::live;

    private final AutoCloseable monitor;
    private final ClusterOperations ops;

    OperationSession(AutoCloseable monitor, ClusterOperations ops) {
        this.monitor = monitor;
        this.ops = ops;
    }

    static OperationSession open(ClusterOption cluster) {
        return opener.apply(cluster);
    }

    private static OperationSession live(ClusterOption cluster) {
        ClusterConnection c = ClusterChoice.resolve(new ClusterRegistry(), cluster.name());
        ClusterMonitor m = ClusterMonitors.start(
                c, ClusterMonitors.settingsFor(c).withJournal(Optional.empty()).withPollInterval(POLL));
        try {
            m.awaitMembers(FIRST_SNAPSHOT);
            return new OperationSession(m, ClusterOperations.create(m));
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    ClusterOperations ops() {
        return ops;
    }

    /** Plans and performs a request that needs no confirmation. */
    int perform(CommandSpec spec, OperationRequest request) {
        return perform(spec, request, false);
    }

    /** Plans, asks for a confirmation on a terminal when the plan needs one and {@code --yes} was not given, performs. */
    int perform(CommandSpec spec, OperationRequest request, boolean yes) {
        PrintWriter err = spec.commandLine().getErr();
        OperationPlan plan = ops.plan(request);
        if (plan.allowed() && plan.nothingToDo().isEmpty()) {
            err.println(plan.summary());
            plan.warnings().forEach(w -> err.println("  warning: " + w));
            err.flush();
        }
        OperationRequest toSend = request;
        boolean mustConfirm = plan.allowed() && plan.needsConfirmation();
        if (mustConfirm && (yes || askOnTerminal(err))) {
            toSend = request.confirm();
        }
        OperationResult r = ops.perform(toSend);
        print(spec.commandLine().getOut(), r);
        if (r.outcome() == OperationResult.Outcome.REFUSED && mustConfirm && toSend == request) {
            throw new PghaException(
                    PghaException.Kind.REFUSED,
                    r.operation() + " refused: " + plan.summary() + " needs a confirmation"
                            + (System.console() == null ? " and there is no terminal to ask on" : "")
                            + "; nothing was changed. Pass --yes to confirm it");
        }
        r.orThrow();
        return ExitCodes.OK;
    }

    static boolean askOnTerminal(PrintWriter err) {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        err.print("Go ahead? [y/N] ");
        err.flush();
        String answer = console.readLine();
        return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
    }

    static void print(PrintWriter out, OperationResult r) {
        if (r.ok()) {
            out.printf(
                    Locale.ROOT,
                    "%s: %s (%.1f s)%n",
                    r.operation(),
                    r.message(),
                    r.took().toMillis() / 1000.0);
            r.notes().forEach(n -> out.println("  " + n));
        }
        out.flush();
    }

    @Override
    public void close() {
        ops.close();
        try {
            monitor.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
