package io.pgha.runtime.ops;

import io.pgha.runtime.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs the pgha CLI in this JVM, as a user would type it, and keeps what it printed. */
final class Cli {

    record Run(List<String> args, int exit, String out, String err) {
        String describe() {
            return "pgha " + String.join(" ", args) + " -> exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private Cli() {
    }

    static Run pgha(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(List.of(args), exit, out.toString(), err.toString());
    }
}
