package io.pgha.runtime.images;

import io.pgha.runtime.PghaException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@link ImageBuilder} through stack/images/build-local.sh, the one recipe for the images (docs/decisions/0014): every
 * progress line it prints reaches {@code progress}; a failure becomes a {@link PghaException} with the script's own
 * explanation.
 */
public final class BuildScript implements ImageBuilder {

    private static final Duration LIMIT = Duration.ofMinutes(30);
    private static final String PREFIX = "[build-local] ";

    private final Path script;

    BuildScript(Path script) {
        this.script = script;
    }

    /** The build script of this pgha installation or checkout. */
    public static BuildScript ofThisPgha() {
        return new BuildScript(PghaHome.buildScript()
                .orElseThrow(() -> PghaException.notFound("pgha cannot find its image recipes (" + PghaHome.BUILD_SCRIPT
                        + "); reinstall pgha, or run it from a checkout " + "with ./pgha")));
    }

    @Override
    public void localImages(Consumer<String> progress) {
        run(List.of(), progress);
    }

    @Override
    public void supervisor(String jreImage, Consumer<String> progress) {
        List<String> args = new ArrayList<>(List.of("--supervisor-only"));
        if (!jreImage.isEmpty()) {
            args.add("--jre-image");
            args.add(jreImage);
        }
        run(args, progress);
    }

    private void run(List<String> args, Consumer<String> progress) {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(args);
        Deque<String> errors = new ArrayDeque<>();
        Process p;
        try {
            p = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                    .start();
        } catch (IOException e) {
            throw PghaException.unavailable("cannot run " + script + ": " + e.getMessage(), e);
        }
        Thread stderr =
                Thread.ofPlatform().daemon().name("pgha-image-build-stderr").start(() -> read(p, errors));
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(PREFIX)) {
                    progress.accept(line.substring(PREFIX.length()));
                }
            }
            if (!p.waitFor(LIMIT.toMinutes(), TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
                throw PghaException.timeout("building the images took longer than " + LIMIT.toMinutes()
                        + " minutes; run " + String.join(" ", command) + " to see where it stops");
            }
            stderr.join(Duration.ofSeconds(5));
        } catch (IOException e) {
            throw PghaException.unavailable("lost the output of " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            Thread.currentThread().interrupt();
            throw PghaException.unavailable("the image build was interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw PghaException.unavailable("building the images failed: " + explanation(errors, p.exitValue()));
        }
    }

    /** The script's own ERROR line says what to do; without one, its last lines. */
    private static String explanation(Deque<String> errors, int exit) {
        for (String line : errors) {
            int at = line.indexOf(PREFIX + "ERROR: ");
            if (at >= 0) {
                return line.substring(at + PREFIX.length() + "ERROR: ".length());
            }
        }
        return "exit " + exit + (errors.isEmpty() ? "" : ": " + String.join(" | ", errors));
    }

    private static void read(Process p, Deque<String> errors) {
        try (BufferedReader err =
                new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                synchronized (errors) {
                    errors.addLast(line);
                    if (errors.size() > 20) {
                        errors.removeFirst();
                    }
                }
            }
        } catch (IOException ignored) {
            // the process ended; what was read is kept
        }
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name", "").toLowerCase().contains("win") ? "NUL" : "/dev/null");
    }
}
