package io.pgha.runtime.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs external commands (docker, the stack scripts) with a deadline and captures their output. */
public final class Commands {

    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        public String describe() {
            return String.join(" ", command) + " -> exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    private Commands() {}

    public static Result run(Duration timeout, String... command) {
        return run(timeout, null, Map.of(), command);
    }

    public static Result run(Duration timeout, Path dir, Map<String, String> env, String... command) {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread o = pump(p.getInputStream(), out);
            Thread e = pump(p.getErrorStream(), err);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                dumpJavaThreads(p);
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                o.join(1000);
                e.join(1000);
                throw new AssertionError("command timed out after " + timeout + ": " + String.join(" ", command)
                        + "\nstdout:\n" + out.toString(StandardCharsets.UTF_8) + "\nstderr:\n"
                        + err.toString(StandardCharsets.UTF_8));
            }
            o.join();
            e.join();
            return new Result(
                    List.of(command),
                    p.exitValue(),
                    out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    public static Result runOk(Duration timeout, String... command) {
        Result r = run(timeout, command);
        if (!r.ok()) {
            throw new AssertionError("command failed: " + r.describe());
        }
        return r;
    }

    /**
     * A hung JVM among the timed-out command's processes prints its threads (SIGQUIT) to the output captured
     * here, so the failure says where it hung; the dump is given a moment to be written.
     */
    private static void dumpJavaThreads(Process p) throws InterruptedException {
        List<ProcessHandle> javas = Stream.concat(Stream.of(p.toHandle()), p.descendants())
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .toList();
        for (ProcessHandle h : javas) {
            try {
                new ProcessBuilder("kill", "-QUIT", Long.toString(h.pid()))
                        .start()
                        .waitFor(2, TimeUnit.SECONDS);
            } catch (IOException e) {
                // no thread dump then; the timeout is reported all the same
            }
        }
        if (!javas.isEmpty()) {
            p.waitFor(2, TimeUnit.SECONDS);
        }
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
        Thread t = new Thread(
                () -> {
                    try (in) {
                        in.transferTo(sink);
                    } catch (IOException ignored) {
                        // the process went away; what was read is kept
                    }
                },
                "command-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
