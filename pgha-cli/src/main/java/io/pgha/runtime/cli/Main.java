package io.pgha.runtime.cli;

import io.pgha.runtime.PghaException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the `pgha` CLI: runs the command and turns failures into one line and an exit code. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new PghaCommand());
        HelpParagraphs.reflow(cli);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof PghaException p) {
                commandLine.getErr().println("pgha: " + p.getMessage());
                return ExitCodes.of(p.kind());
            }
            commandLine.getErr().println("pgha: unexpected error: " + ex);
            return ExitCodes.SOFTWARE;
        });
        return cli.execute(args);
    }
}
