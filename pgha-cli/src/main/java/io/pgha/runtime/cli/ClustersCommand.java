package io.pgha.runtime.cli;

import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.json.Json;
import io.pgha.runtime.usecase.KnownClusters;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pgha clusters}: the clusters pgha knows, where they run and in what state. */
@Command(
        name = "clusters",
        mixinStandardHelpOptions = true,
        description = {
            "List the clusters pgha knows (made with pgha up, or attached with pgha attach): where they come from",
            "and their state, asked of their Patroni members within a second or two."
        })
final class ClustersCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--json",
            description = "print a JSON array: name, scope, origin, source, state, leader, running, members")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        List<KnownClusters.Entry> entries = new KnownClusters(new ClusterRegistry()).list();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.pretty().writeValueAsString(entries));
        } else if (entries.isEmpty()) {
            out.println(
                    "no cluster is known yet: create one with `pgha up`, or attach a running one with `pgha attach`");
        } else {
            TextTable table = new TextTable("Name", "Origin", "State", "Members", "Runs on");
            for (KnownClusters.Entry e : entries) {
                table.row(e.name(), e.origin(), e.state(), KnownClusters.summary(e), e.source());
            }
            out.print(table.render(""));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
