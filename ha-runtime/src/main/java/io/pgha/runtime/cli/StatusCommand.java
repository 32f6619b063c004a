package io.pgha.runtime.cli;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.model.ClusterSnapshot;
import io.pgha.runtime.monitor.ClusterMonitor;
import io.pgha.runtime.monitor.ClusterMonitors;
import io.pgha.runtime.monitor.MonitorSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pgha status}: one snapshot of the cluster. Every source is asked at once with short deadlines and
 * the answer is printed after {@code --timeout} at the latest, whatever is down.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the cluster: members (like patronictl list), etcd, router, containers and failing checks.",
                "NAME may be left out when only one cluster is known."})
final class StatusCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "the cluster (see pgha attach)")
    private String name;

    @Option(names = "--json", description = "print JSON (schema in docs/status-json.md)")
    private boolean json;

    @Option(names = "--timeout", defaultValue = "3s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "answer after this long at most, with what is known by then (default: ${DEFAULT-VALUE})")
    private Duration timeout;

    @Override
    public Integer call() {
        ClusterConnection c = ClusterChoice.resolve(new ClusterRegistry(), Optional.ofNullable(name));
        MonitorSettings settings = ClusterMonitors.settingsFor(c).withJournal(Optional.empty());
        ClusterSnapshot s;
        try (ClusterMonitor m = ClusterMonitors.start(c, settings)) {
            s = m.awaitComplete(timeout);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? StatusJson.status(c, s) + "\n" : StatusText.render(c, s));
        out.flush();
        return ExitCodes.OK;
    }
}
