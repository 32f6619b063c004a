package io.pgha.runtime.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The CLI run in-process against a config directory of its own per test, with what it printed. */
final class IsolatedCli implements BeforeEachCallback, AfterEachCallback {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    private Path configDir;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        configDir = Files.createTempDirectory("pgha-cli-test");
        System.setProperty("pgha.config.dir", configDir.toString());
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        System.clearProperty("pgha.config.dir");
        try (Stream<Path> files = Files.walk(configDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    Path configDir() {
        return configDir;
    }

    int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    void forgetOutput() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }
}
