package io.pgha.runtime.testsupport;

import io.pgha.runtime.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the pgha CLI in-process, as a user would type it, and keeps what it printed. */
public final class Cli {

    public record Result(int exitCode, String stdout, String stderr) {
        public String describe() {
            return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    private Cli() {}

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    public static Result runOk(String... args) {
        Result r = run(args);
        if (r.exitCode() != 0) {
            throw new AssertionError("pgha " + String.join(" ", args) + " failed: " + r.describe());
        }
        return r;
    }

    /**
     * Attaches the committed compose stack as {@code cluster}, in a new config directory that becomes this JVM's
     * (system property pgha.config.dir), like any cluster pgha did not make; returns that directory.
     */
    public static Path attachComposeStack(String cluster) throws IOException {
        Path configDir = Files.createTempDirectory("pgha-" + cluster);
        System.setProperty("pgha.config.dir", configDir.toString());
        runOk("attach", cluster, "--scope", "pg-ha", "--etcd", String.join(",", ComposeStack.ETCD_ENDPOINTS));
        return configDir;
    }
}
