package io.pgha.runtime.cli;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.model.ClusterEvent;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.monitor.ClusterMonitor;
import io.pgha.runtime.monitor.ClusterMonitors;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pgha watch}: prints the cluster's events as they happen, one line each, until Ctrl-C or {@code --for}. */
@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        description = {
            "Stream the cluster's events as they happen (leader changes, members joining and leaving,",
            "lag, etcd and router changes, containers dying), one line each. Stop with Ctrl-C."
        })
final class WatchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "the cluster (see pgha attach)")
    private String name;

    @Mixin
    private ClusterOption cluster;

    @Option(names = "--json", description = "one JSON object per line (schema in docs/status-json.md)")
    private boolean json;

    @Option(
            names = "--for",
            converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "stop after this long, e.g. 10m")
    private Duration duration;

    @Option(
            names = "--interval",
            defaultValue = "2s",
            converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "how often the polled sources are asked (default: ${DEFAULT-VALUE}; etcd pushes)")
    private Duration interval;

    @Override
    public Integer call() throws InterruptedException {
        ClusterConnection c = ClusterChoice.resolve(new ClusterRegistry(), cluster.or(name));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch stopped = new CountDownLatch(1);
        ClusterMonitor m =
                ClusterMonitors.start(c, ClusterMonitors.settingsFor(c).withPollInterval(interval));
        Thread hook = new Thread(
                () -> {
                    m.close();
                    stopped.countDown();
                },
                "pgha-watch-stop");
        try {
            m.onEvent(e -> print(out, e));
            Runtime.getRuntime().addShutdownHook(hook);
            ClusterSnapshot s = m.awaitComplete(Duration.ofSeconds(3));
            err.printf(
                    "watching %s (scope %s): %s, leader %s; %s%n",
                    c.name(),
                    c.scope(),
                    s.health(),
                    s.leader().orElse("none"),
                    duration == null ? "Ctrl-C stops" : "for " + duration);
            err.flush();
            if (duration == null) {
                stopped.await();
            } else {
                stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it closes the monitor
            }
            m.close();
        }
        return ExitCodes.OK;
    }

    private void print(PrintWriter out, ClusterEvent e) {
        String line = json
                ? StatusJson.event(e)
                : String.format("%s  %-8s %-20s %s", e.at(), e.severity(), e.kind(), e.message());
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
