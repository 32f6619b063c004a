package io.pgha.runtime.cli;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.cluster.ConfigDirs;
import io.pgha.runtime.json.Json;
import io.pgha.runtime.ops.AuditEntry;
import io.pgha.runtime.ops.AuditJournal;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pgha audit}: the operations done on a cluster, oldest first, from its audit journal. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "List the operations done on the cluster: when, by whom, what, the outcome and how long it took.")
final class AuditCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClusterOption cluster;

    @Option(names = "--json", description = "print a JSON array of the entries")
    private boolean json;

    @Option(
            names = "--last",
            defaultValue = "50",
            paramLabel = "N",
            description = "the last N operations (default: ${DEFAULT-VALUE})")
    private int last;

    @Override
    public Integer call() throws Exception {
        ClusterConnection c = ClusterChoice.resolve(new ClusterRegistry(), cluster.name());
        List<AuditEntry> entries = new ArrayList<>(new AuditJournal(ConfigDirs.cluster(c.name())).recent(last));
        java.util.Collections.reverse(entries);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.pretty().writeValueAsString(entries));
        } else if (entries.isEmpty()) {
            out.println("no operation on " + c.name() + " yet");
        } else {
            TextTable table = new TextTable("Time", "User", "Operation", "Target", "Outcome", "Took", "Message");
            for (AuditEntry e : entries) {
                table.row(
                        e.at().truncatedTo(ChronoUnit.SECONDS),
                        e.user(),
                        e.operation(),
                        e.target(),
                        e.outcome().name().toLowerCase(Locale.ROOT),
                        String.format(Locale.ROOT, "%.1f s", e.tookMillis() / 1000.0),
                        e.message());
            }
            out.print(table.render(""));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
