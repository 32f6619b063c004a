package io.pgha.runtime.cli;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.monitor.ClusterMonitor;
import io.pgha.runtime.monitor.ClusterMonitors;
import io.pgha.runtime.monitor.MonitorSettings;
import io.pgha.runtime.monitor.Warmup;
import io.pgha.runtime.usecase.ClusterHistory;
import io.pgha.runtime.usecase.HistoryRange;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pgha status}: one snapshot of the cluster. Every source is asked at once with short deadlines, and
 * what is known is printed once all have answered or {@code --timeout} after the process started, whichever
 * comes first, however many parts of the cluster are down.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Show the cluster: members (like patronictl list), etcd, router, containers and failing checks.",
            "NAME may be left out when only one cluster is known."
        })
final class StatusCommand implements Callable<Integer> {

    /** How long closing may hold up the exit once the answer is printed; the process ends right after. */
    private static final Duration CLOSE_GRACE = Duration.ofMillis(100);
    /** However late the process got here, the sources get this long to answer. */
    private static final Duration MIN_WAIT = Duration.ofMillis(500);
    /** A process up longer than this is not a one-shot `pgha status`. */
    private static final Duration LONG_LIVED = Duration.ofMinutes(1);

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "the cluster (see pgha attach)")
    private String name;

    @Mixin
    private ClusterOption cluster;

    @Option(names = "--json", description = "print JSON (schema in docs/status-json.md)")
    private boolean json;

    @Option(
            names = "--metrics",
            description = "also print what the console charts (replication lag, transactions, connections, router"
                    + " sessions) now and over the last 15 minutes, from the stack's Prometheus")
    private boolean metrics;

    @Option(
            names = "--timeout",
            defaultValue = "3s",
            converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "answer within this long of starting, with what is known by then (default: ${DEFAULT-VALUE})")
    private Duration timeout;

    @Override
    public Integer call() {
        Warmup.inBackground();
        ClusterConnection c = ClusterChoice.resolve(new ClusterRegistry(), cluster.or(name));
        MonitorSettings settings = ClusterMonitors.settingsFor(c).withJournal(Optional.empty());
        ClusterMonitor m = ClusterMonitors.start(c, settings);
        // the repository and the archiver, beside the monitor and within the same deadline (docs/decisions/0025)
        long begun = System.nanoTime();
        Duration budget = remaining(timeout);
        var backupsAsked = BackupsStatus.ask(c);
        var unfinishedAsked = UnfinishedReplacesStatus.ask(c);
        try {
            ClusterSnapshot s = m.awaitComplete(budget);
            Optional<BackupsStatus> backups =
                    backupsAsked.map(f -> BackupsStatus.await(f, budget.minusNanos(System.nanoTime() - begun)));
            Optional<UnfinishedReplacesStatus> unfinished = unfinishedAsked.map(
                    f -> UnfinishedReplacesStatus.await(f, budget.minusNanos(System.nanoTime() - begun)));
            PrintWriter out = spec.commandLine().getOut();
            String text = json
                    ? StatusJson.status(c, s, metrics ? history(c) : Optional.empty(), backups, unfinished)
                    : StatusText.render(c, s)
                            + unfinished.map(UnfinishedReplacesStatus::text).orElse("")
                            + backups.map(BackupsStatus::text).orElse("");
            out.print(text.endsWith("\n") ? text : text + "\n");
            if (metrics && !json) {
                out.print(
                        ClusterHistory.of(c)
                                .map(h -> HistoryText.render(h, HistoryRange.MINUTES_15))
                                .orElse(
                                        "\nhistory: " + c.name()
                                                + " has no Prometheus (pgha up makes one; attached clusters show live figures only)\n"));
            }
            out.flush();
        } finally {
            closeWithin(m, CLOSE_GRACE);
        }
        return ExitCodes.OK;
    }

    /**
     * The part of the timeout not yet spent since the process started (JVM start-up counts: it is part of
     * what the user waits for), but at least {@link #MIN_WAIT}; the whole timeout when pgha runs inside a
     * long-lived process (the console, a test).
     */
    static Duration remaining(Duration timeout) {
        Duration up = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
        if (up.compareTo(LONG_LIVED) > 0) {
            return timeout;
        }
        Duration left = timeout.minus(up);
        return left.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : left;
    }

    private static Optional<Object> history(ClusterConnection c) {
        return ClusterHistory.of(c).map(h -> (Object) HistoryText.figures(h, HistoryRange.MINUTES_15));
    }

    private static void closeWithin(ClusterMonitor m, Duration grace) {
        Thread closer = Thread.ofPlatform().daemon().name("pgha-status-close").start(m::close);
        try {
            closer.join(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
