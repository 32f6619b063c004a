package io.pgha.runtime.cli;

import io.pgha.runtime.PghaException;
import io.pgha.runtime.provision.DownResult;
import io.pgha.runtime.provision.StackProvisioner;
import io.pgha.runtime.stack.StackSpec;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "down",
        mixinStandardHelpOptions = true,
        description = {
            "Stop and remove a stack's containers and network, keeping its data volumes.",
            "With --volumes also delete its data and stored credentials (asks first, unless --yes)."
        })
final class DownCommand implements Callable<Integer> {

    @Option(
            names = {"-c", "--cluster", "--name"},
            paramLabel = "NAME",
            defaultValue = StackSpec.DEFAULT_NAME,
            description = "the stack; default pg-ha")
    String name;

    @Option(names = "--volumes", description = "also delete the data volumes and the stored credentials")
    boolean volumes;

    @Option(names = "--yes", description = "do not ask before deleting data")
    boolean yes;

    @Option(names = "--json", description = "one JSON object per line: progress events, then the result")
    boolean json;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        if (volumes && !yes && !confirmed(out)) {
            throw PghaException.refused("not confirmed; nothing was removed. Run pgha down --name " + name
                    + " --volumes --yes " + "to delete the data without being asked");
        }
        io.pgha.runtime.usecase.SwarmDown swarm = new io.pgha.runtime.usecase.SwarmDown();
        if (swarm.knows(name)) {
            print(
                    out,
                    swarm.down(name, volumes, new ProgressPrinter(out, json)),
                    "pgha up --swarm ENDPOINT --name " + name);
            return ExitCodes.OK;
        }
        try (StackProvisioner provisioner = StackProvisioner.onLocalDocker()) {
            print(
                    out,
                    provisioner.down(name, volumes, new ProgressPrinter(out, json)),
                    "pgha up " + (name.equals(StackSpec.DEFAULT_NAME) ? "" : "--name " + name + " ").strip());
        }
        return ExitCodes.OK;
    }

    /** What down did; {@code upAgain} is the command that brings the stack back on its kept volumes. */
    private void print(PrintWriter out, DownResult r, String upAgain) {
        {
            if (json) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("type", "result");
                line.put("name", r.name());
                line.put("removed", r.removed());
                line.put("volumes_removed", r.volumesRemoved());
                if (!r.kept().isEmpty()) {
                    line.put("not_removed", r.kept());
                }
                line.put("elapsed_ms", r.elapsed().toMillis());
                ProgressPrinter.printJson(out, line);
            } else if (r.removed().isEmpty()) {
                out.println("Stack " + name + " has nothing to remove.");
            } else {
                out.println("Stack " + name + " is down"
                        + (volumes
                                ? (r.kept().isEmpty()
                                        ? "; its data is deleted."
                                        : "; its data is deleted except what follows.")
                                : "; its data volumes are kept (" + upAgain + " brings it back)."));
                r.kept().forEach(k -> out.println("  not removed, " + k));
            }
        }
    }

    /** Whether a person can answer (JDK 22+ gives a Console even when redirected; isTerminal tells). */
    static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    private boolean confirmed(PrintWriter out) {
        if (!interactive()) {
            throw PghaException.refused("pgha down --volumes deletes the data of stack " + name
                    + " for good and there is no terminal " + "to ask on; add --yes to confirm");
        }
        out.print("This deletes every database of stack " + name + " for good. Type the stack name to confirm: ");
        out.flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())).readLine();
            return name.equals(answer == null ? "" : answer.strip());
        } catch (IOException e) {
            return false;
        }
    }
}
