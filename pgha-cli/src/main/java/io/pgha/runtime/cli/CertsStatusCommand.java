package io.pgha.runtime.cli;

import io.pgha.runtime.cluster.ClusterConnection;
import io.pgha.runtime.cluster.ClusterRegistry;
import io.pgha.runtime.json.Json;
import io.pgha.runtime.usecase.CertificateReport;
import io.pgha.runtime.usecase.CertificateReport.Entry;
import io.pgha.runtime.usecase.CertificateReport.Level;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pgha certs status}: every certificate of the cluster's PKI with its names, issuer and end. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "List every certificate of the cluster's own CA: subject, names, issuer, end and days left.",
            "Warns below 30 days; an expired certificate is an error (exit code 1)."
        })
final class CertsStatusCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClusterOption cluster;

    @Option(names = "--json", description = "print a JSON array, one object per certificate")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        ClusterConnection c = ClusterChoice.resolve(new ClusterRegistry(), cluster.name());
        List<Entry> entries = CertificateReport.of(c.name(), Clock.systemUTC());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (json) {
            out.println(Json.pretty().writeValueAsString(entries));
        } else {
            TextTable table = new TextTable("Name", "Subject", "Names", "Issuer", "Not after", "Days left", "Serial");
            for (Entry e : entries) {
                table.row(
                        e.name(),
                        e.subject(),
                        names(e),
                        e.issuer(),
                        e.notAfter().toString(),
                        String.valueOf(e.daysLeft()),
                        e.serial());
            }
            out.print(table.render(""));
        }
        out.flush();
        for (Entry e : entries) {
            if (e.level() != Level.OK) {
                err.println((e.level() == Level.ERROR ? "error: " : "warning: ") + e.name() + " " + e.message());
            }
        }
        err.flush();
        return entries.stream().anyMatch(e -> e.level() == Level.ERROR) ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private static String names(Entry e) {
        List<String> all = new java.util.ArrayList<>(e.dnsNames());
        all.addAll(e.ipAddresses());
        return all.isEmpty() ? "-" : String.join(",", all);
    }
}
